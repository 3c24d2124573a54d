//! Barre de menus, sans écran : le menu Fichier et les menus des groupes de fenêtres
//! s'ouvrent, leurs entrées ouvrent les fenêtres et lancent les traitements de leurs
//! boutons, Échap et un clic ailleurs les ferment ; « Sauvegarder une copie » écrit une
//! base qui s'ouvre avec les mêmes bailleurs.

mod common;

use common::gui::{send, ui};
use std::path::PathBuf;

use chrono::NaiveDate;
use iced_test::selector::{Candidate, Selector, Text};

use abri::gui::app::{self, App, Message, Window};
use abri::gui::screen::catalogues::Catalogue;
use abri::gui::screen::Shortcut;
use abri::gui::text as wording;
use abri::gui::widget::browse::Slot;
use abri::gui::widget::save;
use abri::store::Store;
use abri::treatments::demo::create_demo_with;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 26).expect("date")
}

/// Application sur les fiches de démonstration (sans l'année d'avis et de règlements).
fn demo_app() -> App {
    let mut store = Store::open_in_memory().expect("base en mémoire");
    let session = create_demo_with(&mut store, "test", false).expect("démonstration");
    App::load_at(store, session, PathBuf::from("/tmp/demo.sqlite"), today())
        .expect("chargement de l'application")
}

/// Le n-ième texte égal à `text` dans l'ordre de la vue (0 : le premier) : les entrées
/// d'un menu ouvert viennent après la barre latérale, qui montre les mêmes titres.
struct Nth {
    text: &'static str,
    n: usize,
}

impl Selector for Nth {
    type Output = Text;

    fn select(&mut self, candidate: Candidate<'_>) -> Option<Self::Output> {
        let hit = self.text.select(candidate)?;
        if self.n == 0 {
            return Some(hit);
        }
        self.n -= 1;
        None
    }

    fn description(&self) -> String {
        format!("texte n° {} == {:?}", self.n, self.text)
    }
}

/// Clique dans la vue et applique les messages produits.
fn click<S>(app: &mut App, selector: S)
where
    S: Selector + Send,
    S::Output: iced_test::selector::Bounded + Clone + Send + Sync + 'static,
{
    let messages: Vec<Message> = {
        let mut ui = ui(app);
        ui.click(selector).expect("élément à cliquer");
        ui.into_messages().collect()
    };
    for message in messages {
        send(app, message);
    }
}

/// Les textes montrés par la vue.
fn shows(app: &App, label: &str) -> bool {
    ui(app).find(label).is_ok()
}

#[test]
fn the_file_menu_opens_from_its_title_and_lists_its_entries() {
    let mut app = demo_app();
    assert!(!shows(&app, wording::MENU_QUIT), "menu fermé au départ");
    click(&mut app, wording::MENU_FILE);
    assert_eq!(app.menu(), Some(0));
    for entry in [
        wording::MENU_OPEN_DATABASE,
        wording::MENU_BACKUP,
        wording::VERIFY_BUTTON,
        wording::MENU_QUIT,
    ] {
        assert!(shows(&app, entry), "Fichier doit proposer « {entry} »");
    }
    // Un second clic sur le titre le referme.
    click(&mut app, wording::MENU_FILE);
    assert_eq!(app.menu(), None);
}

#[test]
fn each_group_menu_lists_the_windows_of_its_sidebar_section() {
    let mut app = demo_app();
    for (index, (_, windows)) in Window::SECTIONS.iter().enumerate() {
        send(&mut app, Message::Menu(Some(index + 1)));
        let mut ui = ui(&app);
        for window in windows.iter() {
            // une fois dans la barre latérale, une fois dans le menu
            assert!(
                ui.find(Nth {
                    text: window.title(),
                    n: 1
                })
                .is_ok(),
                "le menu n° {} doit lister « {} »",
                index + 1,
                window.title()
            );
        }
    }
    send(&mut app, Message::Menu(Some(1)));
    for treatment in [
        wording::GENERATE_NOTICES,
        wording::CALL_DEPOSIT,
        wording::MISC_INVOICE,
        wording::MISC_CREDIT_NOTE,
        wording::PRINT_BUTTON,
        wording::ENTER_PAYMENTS,
    ] {
        assert!(shows(&app, treatment), "traitement « {treatment} »");
    }
}

#[test]
fn choosing_a_window_in_a_menu_opens_it_and_closes_the_menu() {
    let mut app = demo_app();
    send(&mut app, Message::Menu(Some(2)));
    click(
        &mut app,
        Nth {
            text: wording::BALANCE,
            n: 1,
        },
    );
    assert_eq!(app.window(), Window::Balance);
    assert_eq!(app.menu(), None);
    send(&mut app, Message::Menu(Some(3)));
    let banks = Window::Catalogue(Catalogue::Banks);
    click(
        &mut app,
        Nth {
            text: banks.title(),
            n: 1,
        },
    );
    assert_eq!(app.window(), banks);
}

#[test]
fn a_treatment_entry_opens_its_window_and_sends_the_button_message() {
    let mut app = demo_app();
    send(&mut app, Message::Menu(Some(1)));
    click(&mut app, wording::ENTER_PAYMENTS);
    assert_eq!(app.window(), Window::Payments);
    assert!(app.payments().is_entering(), "la saisie rapide est ouverte");
    send(&mut app, Message::Open(Window::Buildings));
    send(&mut app, Message::Menu(Some(1)));
    click(&mut app, wording::GENERATE_NOTICES);
    assert_eq!(app.window(), Window::Leases);
    assert!(app.leases().generation().is_some(), "boîte de génération");
}

#[test]
fn escape_and_a_click_outside_close_the_menu() {
    use iced::keyboard::{key::Named, Event, Key, Location, Modifiers};
    let press = |key: Key, modifiers| {
        iced::Event::Keyboard(Event::KeyPressed {
            key: key.clone(),
            modified_key: key,
            physical_key: iced::keyboard::key::Physical::Unidentified(
                iced::keyboard::key::NativeCode::Unidentified,
            ),
            location: Location::Standard,
            modifiers,
            text: None,
            repeat: false,
        })
    };
    let id = iced::window::Id::unique();
    let ignored = iced::event::Status::Ignored;
    // Alt+F ouvre Fichier.
    let alt_f = app::keyboard_message(
        press(Key::Character("f".into()), Modifiers::ALT),
        ignored,
        id,
    )
    .expect("Alt+F");
    let mut app = demo_app();
    send(&mut app, alt_f);
    assert_eq!(app.menu(), Some(0));
    let escape = app::keyboard_message(
        press(Key::Named(Named::Escape), Modifiers::empty()),
        ignored,
        id,
    )
    .expect("Échap");
    send(&mut app, escape);
    assert_eq!(app.menu(), None);
    assert_eq!(
        app.window(),
        Window::Buildings,
        "Échap n'a rien fait d'autre"
    );
    // Un clic dans la page, hors du menu, le ferme sans toucher la page.
    send(&mut app, Message::Menu(Some(1)));
    let messages: Vec<Message> = {
        let mut ui = ui(&app);
        ui.point_at(iced::Point::new(1000.0, 600.0));
        let _ = ui.simulate(iced_test::simulator::click());
        ui.into_messages().collect()
    };
    assert!(
        matches!(messages.as_slice(), [Message::Menu(None)]),
        "{messages:?}"
    );
}

#[test]
fn quit_from_the_file_menu_asks_first_when_a_form_is_unsaved() {
    use abri::gui::screen::records;
    use abri::gui::widget::form;
    let mut app = demo_app();
    send(&mut app, Message::Shortcut(Shortcut::New));
    send(
        &mut app,
        Message::Buildings(records::Message::Form(form::Message::Input(
            "reference",
            "B30".to_string(),
        ))),
    );
    send(&mut app, Message::Menu(Some(0)));
    click(&mut app, wording::MENU_QUIT);
    assert!(shows(&app, wording::QUIT_YES));
}

#[test]
fn save_a_copy_writes_a_base_that_opens_with_the_same_landlords() {
    let dir = tempfile::tempdir().expect("dossier");
    let copy = dir.path().join("copie.sqlite");
    let mut app = demo_app();
    // La boîte du système a répondu : la Slot du message porte le chemin choisi.
    let slot = Slot::default();
    slot.fill(Some(copy.clone()));
    send(
        &mut app,
        Message::Pick(None, Box::new(Message::Backup(save::Message::Browse(slot)))),
    );
    let copied = Store::open(&copy).expect("la copie s'ouvre");
    let landlords = app
        .db()
        .with_store(|store| store.landlords())
        .expect("bailleurs");
    assert!(!landlords.is_empty());
    assert_eq!(
        copied.landlords().expect("bailleurs de la copie"),
        landlords
    );
    assert!(
        matches!(app.backup().and_then(|b| b.outcome()), Some(Ok(_))),
        "confirmation"
    );
    assert!(shows(&app, &wording::backup_written(&copy)));
    // Échap referme la boîte.
    send(&mut app, Message::Shortcut(Shortcut::Escape));
    assert!(app.backup().is_none());

    // Chemin tapé (sans boîte du système) dans un dossier qui n'existe pas : l'erreur
    // est dite en français, la boîte reste ouverte pour corriger.
    let backup = |m| Message::Backup(m);
    let wrong = dir.path().join("absent").join("copie.sqlite");
    send(
        &mut app,
        backup(save::Message::Path(wrong.display().to_string())),
    );
    send(&mut app, backup(save::Message::Confirm));
    assert!(
        matches!(app.backup().and_then(|b| b.outcome()), Some(Err(e)) if e.contains("impossible de sauvegarder")),
        "{:?}",
        app.backup().and_then(|b| b.outcome())
    );
    send(&mut app, backup(save::Message::Cancel));
    assert!(app.backup().is_none());
}
