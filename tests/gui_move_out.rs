//! Fiche d'une location, sans écran : les champs « Sortie » (date, motif, remise des
//! clés, état des lieux de sortie) s'enregistrent et se relisent (S14).

mod common;

use std::path::PathBuf;

use abri::gui::app::{App, Message, Window};
use abri::gui::screen::leases;
use abri::gui::screen::Shortcut;
use abri::gui::widget::form;
use abri::gui::widget::table::Message as TableMessage;
use abri::model::{ExitInventory, LeaseExit, MoveOutReason};
use abri::store::Store;
use abri::treatments::demo::create_demo_with;
use common::gui::{send, ui};
use common::ymd;

fn demo_app() -> App {
    let mut store = Store::open_in_memory().expect("base en mémoire");
    let session = create_demo_with(&mut store, "test", false).expect("démonstration");
    App::load_at(
        store,
        session,
        PathBuf::from("/tmp/sortie.sqlite"),
        ymd(2026, 11, 26),
    )
    .expect("chargement de l'application")
}

fn open_lease(app: &mut App, reference: &str) {
    send(app, Message::Open(Window::Leases));
    let i = app
        .leases()
        .table()
        .position(|l| l.reference == reference)
        .expect("location de la démonstration");
    send(
        app,
        Message::Leases(leases::Message::List(TableMessage::Open(i))),
    );
}

fn input(key: &'static str, value: &str) -> Message {
    Message::Leases(leases::Message::Form(form::Message::Input(
        key,
        value.to_string(),
    )))
}

#[test]
fn the_move_out_fields_are_saved_and_read_back() {
    let mut app = demo_app();
    open_lease(&mut app, "BAIL002");
    {
        let mut ui = ui(&app);
        assert!(ui.find("Remise des clés").is_ok());
        assert!(ui.find("État des lieux de sortie").is_ok());
    }
    for (key, value) in [
        ("sortie", "12/09/2026"),
        ("motif_sortie", "Expulsion"),
        ("remise_cles", "05/10/2026"),
        ("etat_des_lieux", "Conforme"),
    ] {
        send(&mut app, input(key, value));
    }
    send(&mut app, Message::Shortcut(Shortcut::Save));
    let form = app.leases().form().expect("fiche");
    assert!(
        form.general_errors().is_empty(),
        "{:?}",
        form.general_errors()
    );
    let data = app.data();
    let lease = data
        .leases
        .iter()
        .find(|l| l.reference == "BAIL002")
        .expect("location");
    assert_eq!(lease.move_out_date, Some(ymd(2026, 9, 12)));
    assert_eq!(lease.move_out_reason, Some(MoveOutReason::Eviction));
    assert_eq!(
        data.lease_exits,
        vec![LeaseExit {
            lease: "BAIL002".into(),
            keys_returned: Some(ymd(2026, 10, 5)),
            inventory: Some(ExitInventory::Conform),
        }]
    );
    // Rouverte, la fiche montre ce qui a été enregistré.
    open_lease(&mut app, "BAIL002");
    let form = app.leases().form().expect("fiche");
    assert_eq!(form.text("remise_cles"), "05/10/2026");
    assert_eq!(form.text("etat_des_lieux"), "Conforme");
}

#[test]
fn a_bad_keys_date_is_refused_on_its_field_and_nothing_is_written() {
    let mut app = demo_app();
    open_lease(&mut app, "BAIL002");
    send(&mut app, input("remise_cles", "32/13/2026"));
    send(&mut app, Message::Shortcut(Shortcut::Save));
    let form = app.leases().form().expect("fiche");
    assert!(form.error("remise_cles").is_some(), "erreur sur le champ");
    assert!(app.data().lease_exits.is_empty());
}

fn settle(m: abri::gui::screen::settlement::Message) -> Message {
    Message::Leases(leases::Message::SettlementDialog(m))
}

fn run_step(m: abri::gui::widget::treatment::Message) -> Message {
    settle(abri::gui::screen::settlement::Message::Treatment(m))
}

#[test]
fn the_settlement_dialog_shows_the_plan_then_books_it() {
    use abri::gui::screen::settlement::{Action, Field, Message as S};
    use abri::gui::widget::treatment::{Message as T, Phase};
    use abri::treatments::move_out::{self, MoveOutRequest};
    use abri::treatments::notices::{self, NoticeOptions};
    let mut app = demo_app();
    // BAIL002 sort le 28/02/2026 ; son avis de février est généré.
    app.db()
        .with_store(|store| {
            let session = store.session(None, "test")?;
            let out = MoveOutRequest {
                lease: "BAIL002".into(),
                date: ymd(2026, 2, 28),
                reason: MoveOutReason::Departure,
                keys_returned: None,
                inventory: None,
            };
            move_out::run(store, &session, &out, false)
                .map_err(|e| abri::store::StoreError::Database(e.to_string()))?;
            let options = NoticeOptions {
                period: ymd(2026, 2, 1),
                value_date: ymd(2026, 2, 1),
                leases: Some(vec!["BAIL002".into()]),
                run_message: String::new(),
            };
            notices::run(store, &session, &options, false)
                .map_err(|e| abri::store::StoreError::Database(e.to_string()))?;
            Ok(())
        })
        .expect("sortie et dernier avis");
    open_lease(&mut app, "BAIL002");
    send(&mut app, Message::Leases(leases::Message::Settlement));
    assert!(ui(&app).find("Retenue sur le dépôt").is_ok());
    for (field, value) in [
        (Field::ValueDate, "01/03/2026"),
        (Field::Withholding, "50,00"),
    ] {
        send(&mut app, settle(S::Input(field, value.into())));
    }
    // Sans motif, le refus va sous son champ et rien n'est écrit.
    send(&mut app, run_step(T::Run));
    let (t, dialog) = app.leases().settlement().expect("boîte");
    assert!(matches!(t.phase(), Phase::Options));
    assert!(dialog.error(Field::Reason).is_some());
    send(&mut app, settle(S::Input(Field::Reason, "peinture".into())));
    send(&mut app, run_step(T::Run));
    let (t, _) = app.leases().settlement().expect("boîte");
    match t.phase() {
        Phase::Planned(report) => assert!(
            report
                .lines
                .iter()
                .any(|l| l.text.contains("Loc_OD SoldeTC")),
            "{report:?}"
        ),
        other => panic!("simulation attendue : {other:?}"),
    }
    send(&mut app, run_step(T::Apply));
    let (t, _) = app.leases().settlement().expect("boîte");
    assert!(t.is_finished(), "{:?}", t.phase());
    let lines = app
        .db()
        .read(|repo| repo.tiers_lines("LOC002", None))
        .expect("écritures");
    assert!(lines
        .iter()
        .any(|l| l.template.as_deref() == Some("Loc_OD SoldeTC")));
    // Puis l'annulation, par la même boîte.
    send(&mut app, run_step(T::Close));
    send(&mut app, Message::Leases(leases::Message::Settlement));
    send(&mut app, settle(S::Action(Action::Undo)));
    send(&mut app, run_step(T::Run));
    send(&mut app, run_step(T::Apply));
    let lines = app
        .db()
        .read(|repo| repo.tiers_lines("LOC002", None))
        .expect("écritures");
    assert!(!lines
        .iter()
        .any(|l| l.template.as_deref() == Some("Loc_OD SoldeTC")));
    let problems = app.db().with_store(|s| s.verify()).expect("vérification");
    assert!(problems.is_empty(), "{problems:?}");
}
