//! Conduite de l'application sans écran (simulateur d'iced), commune aux tests de
//! l'interface.

use iced::futures::StreamExt;
use iced::Task;
use iced_test::simulator::Simulator;

use abri::gui::app::{self, App, Message};

/// La vue de l'application, à la taille de la fenêtre à son ouverture.
pub fn ui(app: &App) -> Simulator<'_, Message> {
    let size = (
        abri::gui::theme::WINDOW_WIDTH,
        abri::gui::theme::WINDOW_HEIGHT,
    );
    Simulator::with_size(app::settings(), size, app.view())
}

/// Exécute une tâche jusqu'au bout et renvoie ses messages à l'application, comme la
/// boucle d'iced (les tâches de fond tournent dans leur propre fil).
pub fn run(app: &mut App, task: Task<Message>) {
    let mut pending = vec![task];
    while let Some(task) = pending.pop() {
        let Some(stream) = iced_test::runtime::task::into_stream(task) else {
            continue;
        };
        let actions: Vec<_> = iced::futures::executor::block_on(stream.collect());
        for action in actions {
            if let iced_test::runtime::Action::Output(message) = action {
                pending.push(app.update(message));
            }
        }
    }
}

/// Envoie un message et exécute la tâche qu'il produit.
pub fn send(app: &mut App, message: Message) {
    let task = app.update(message);
    run(app, task);
}
