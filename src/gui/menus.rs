//! Le contenu de la barre de menus, à la manière du manuel : « Fichier » (ouvrir une
//! base, sauvegarder une copie, la fenêtre de la base, quitter), puis un menu par groupe
//! de la barre latérale qui liste ses fenêtres et, sous chacune, ses traitements. Une
//! entrée envoie le message que le bouton de la fenêtre envoie déjà : le menu n'ajoute
//! aucune action. Et la boîte « Sauvegarder une copie », qui copie la base par
//! `Store::backup_to`.

use std::path::PathBuf;

use iced::widget::{column, row, text, text_input, Space};
use iced::{Alignment, Length};

use super::app::{Message, Window};
use super::db::Db;
use super::screen::{database, debits, leases, merge, notices, payments, revision, transfer};
use super::widget::browse::{Kind, Slot};
use super::widget::menu::{Item, Menu};
use super::widget::save::{self, SaveBox};
use super::widget::{tool_button, Element};
use super::{text as wording, theme};
use crate::model::DocumentKind;

/// Titres des menus des groupes, dans l'ordre de `Window::SECTIONS`.
const GROUP_TITLES: [&str; Window::SECTIONS.len()] = [
    wording::MENU_RENTALS,
    wording::MENU_ACCOUNTING,
    wording::MENU_CATALOGUES,
];

/// Les menus de la barre, « Fichier » en premier.
pub fn menus() -> Vec<Menu<'static, Message>> {
    let mut menus = vec![file_menu()];
    for ((_, windows), title) in Window::SECTIONS.iter().zip(GROUP_TITLES) {
        let mut items = Vec::new();
        for &window in windows.iter() {
            items.push(Item::entry(
                window.title(),
                pick(None, Message::Open(window)),
            ));
            for (label, target, message) in treatments(window) {
                items.push(Item::indented(label, pick(Some(target), message)));
            }
        }
        menus.push(Menu { title, items });
    }
    menus
}

/// Le message d'une entrée : le menu se ferme, `window` s'ouvre s'il y en a une, puis
/// `message` part.
fn pick(window: Option<Window>, message: Message) -> Message {
    Message::Pick(window, Box::new(message))
}

fn file_menu() -> Menu<'static, Message> {
    let database = |m: database::Message| pick(Some(Window::Database), Message::Database(m));
    Menu {
        title: wording::MENU_FILE,
        items: vec![
            Item::entry(
                wording::MENU_OPEN_DATABASE,
                database(database::Message::Browse(Kind::Open)),
            ),
            Item::entry(
                wording::MENU_BACKUP,
                pick(
                    None,
                    Message::Backup(save::Message::Browse(Slot::default())),
                ),
            ),
            Item::Separator,
            Item::entry(
                wording::DATABASE,
                pick(None, Message::Open(Window::Database)),
            ),
            Item::indented(wording::VERIFY_BUTTON, database(database::Message::Verify)),
            Item::Separator,
            Item::entry(wording::MENU_QUIT, pick(None, Message::CloseRequested)),
        ],
    }
}

/// Les traitements d'une fenêtre : la fenêtre où ils s'ouvrent (la leur, ou une fenêtre
/// hors de la barre latérale, comme la liste des prélèvements) et les messages de leurs
/// boutons.
fn treatments(window: Window) -> Vec<(&'static str, Window, Message)> {
    let leases = |m| (window, Message::Leases(m));
    let entries = match window {
        Window::Leases => vec![
            (wording::GENERATE_NOTICES, leases(leases::Message::Generate)),
            (
                wording::CALL_DEPOSIT,
                leases(leases::Message::OneOff(DocumentKind::DepositCall)),
            ),
            (
                wording::MISC_INVOICE,
                leases(leases::Message::OneOff(DocumentKind::Invoice)),
            ),
            (
                wording::MISC_CREDIT_NOTE,
                leases(leases::Message::OneOff(DocumentKind::CreditNote)),
            ),
            (
                wording::MENU_GENERATE_DEBITS,
                (Window::Debits, Message::Debits(debits::Message::Ask)),
            ),
            (
                wording::REVISE_RENTS,
                (window, Message::Revision(revision::Message::Open)),
            ),
            (wording::PROCESS_CAF_FILE, leases(leases::Message::CafFile)),
            // Mutation (issue 24).
            (
                wording::TRANSFER_MENU,
                (window, Message::Transfer(transfer::Message::Open)),
            ),
        ],
        // Fusion de locataires (issue 24).
        Window::Tenants => vec![(
            wording::MERGE_MENU,
            (window, Message::Merge(merge::Message::Open)),
        )],
        Window::Units => vec![(
            wording::REVISE_RENTS,
            (window, Message::Revision(revision::Message::Open)),
        )],
        Window::Notices => vec![(
            wording::PRINT_BUTTON,
            (window, Message::Notices(notices::Message::Print)),
        )],
        Window::Payments => vec![
            (
                wording::ENTER_PAYMENTS,
                (window, Message::Payments(payments::Message::Enter)),
            ),
            (
                wording::MENU_IMPORT_DEBITS,
                (
                    window,
                    Message::Payments(payments::Message::Returns(payments::returns::Message::Open)),
                ),
            ),
            (
                wording::DEBIT_REJECTS,
                (Window::DebitRejects, Message::Open(Window::DebitRejects)),
            ),
        ],
        _ => Vec::new(),
    };
    entries
        .into_iter()
        .map(|(label, (target, message))| (label, target, message))
        .collect()
}

/// Chemin proposé pour la copie : `<base>-copie-AAAA-MM-JJ.sqlite` dans le dossier des
/// documents.
pub fn backup_path(db: &Db) -> PathBuf {
    let stem = db
        .path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "abri".to_string());
    save::default_path(&format!("{stem}-copie"), db.today, "sqlite")
}

/// Applique un message de la boîte de la copie ; copie la base quand un chemin est
/// choisi ou confirmé. Rend `false` quand la boîte se ferme.
pub fn backup(save_box: &mut SaveBox, message: save::Message, db: &Db) -> bool {
    if matches!(message, save::Message::Cancel) {
        return false;
    }
    if let Some(path) = save_box.update(message) {
        let result = db
            .with_store(|store| store.backup_to(&path))
            .map(|()| wording::backup_written(&path))
            .map_err(|e| e.to_string());
        save_box.report(result);
    }
    true
}

/// La boîte de la copie : explication, chemin (la boîte du système s'ouvre d'elle-même ;
/// sans elle, le chemin se tape), résultat.
pub fn backup_dialog(save_box: &SaveBox) -> Element<'_, Message> {
    let map = Message::Backup;
    let mut dialog = column![
        text(wording::BACKUP_TITLE)
            .font(theme::FONT_BOLD)
            .size(theme::TEXT_BODY),
        text(wording::BACKUP_HINT)
            .size(theme::TEXT_SMALL)
            .style(theme::muted_text),
    ]
    .spacing(theme::SPACE_M);
    let failed = matches!(save_box.outcome(), Some(Err(_)));
    if save_box.is_open() {
        dialog = dialog.push(
            text_input(wording::PATH_PLACEHOLDER, save_box.path())
                .on_input(move |p| map(save::Message::Path(p)))
                .on_submit(map(save::Message::Confirm))
                .padding(theme::SPACE_XS + 2.0)
                .size(theme::TEXT_BODY)
                .width(Length::Fill)
                .style(theme::field_input(failed)),
        );
    }
    match save_box.outcome() {
        Some(Ok(message)) => {
            dialog = dialog.push(
                text(message.as_str())
                    .size(theme::TEXT_SMALL)
                    .style(theme::success_text),
            )
        }
        Some(Err(message)) => {
            dialog = dialog.push(
                text(message.as_str())
                    .size(theme::TEXT_SMALL)
                    .style(theme::error_text),
            )
        }
        None => {}
    }
    let buttons = if save_box.is_open() {
        row![
            tool_button(
                wording::BROWSE,
                Some(map(save::Message::Browse(Slot::default()))),
                theme::secondary_button
            ),
            Space::new().width(Length::Fill),
            tool_button(
                wording::CANCEL,
                Some(map(save::Message::Cancel)),
                theme::secondary_button
            ),
            tool_button(
                wording::SAVE_FILE,
                Some(map(save::Message::Confirm)),
                theme::primary_button
            ),
        ]
    } else {
        row![
            Space::new().width(Length::Fill),
            tool_button(
                wording::CLOSE,
                Some(map(save::Message::Cancel)),
                theme::primary_button
            ),
        ]
    };
    dialog
        .push(buttons.spacing(theme::SPACE_S).align_y(Alignment::Center))
        .into()
}
