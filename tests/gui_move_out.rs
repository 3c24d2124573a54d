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

// ---- Mutation (menu Locations) ----

fn transfer(m: abri::gui::screen::transfer::Message) -> Message {
    Message::Transfer(m)
}

/// Ouvre « Mutation… » par le menu sur BAIL002 et tape les champs donnés.
fn transfer_dialog(app: &mut App, fields: &[(abri::gui::screen::transfer::Field, &str)]) {
    use abri::gui::screen::transfer::Message as M;
    open_lease(app, "BAIL002");
    send(
        app,
        Message::Pick(Some(Window::Leases), Box::new(transfer(M::Open))),
    );
    assert_eq!(app.transfer().expect("boîte").lease, "BAIL002");
    for (field, value) in fields {
        send(app, transfer(M::Input(*field, value.to_string())));
    }
}

fn transfer_step(m: abri::gui::widget::treatment::Message) -> Message {
    transfer(abri::gui::screen::transfer::Message::Treatment(m))
}

#[test]
fn the_transfer_dialog_simulates_then_creates_the_new_lease() {
    use abri::gui::screen::transfer::Field;
    use abri::gui::widget::treatment::{Message as T, Phase};
    let mut app = demo_app();
    transfer_dialog(
        &mut app,
        &[
            (Field::Unit, "IMM02-10"),
            (Field::Start, "01/01/2027"),
            (Field::Reference, "BAIL100"),
            (Field::Deposit, "600,00"),
        ],
    );
    assert!(ui(&app).find("Reprendre les rubriques").is_ok());
    send(&mut app, transfer_step(T::Run));
    match app.transfer().expect("boîte").treatment.phase() {
        // Dépôt de BAIL002 détenu : 470,00 ; demandé 600,00 → complément 130,00.
        Phase::Planned(report) => {
            let all = format!("{} {:?}", report.summary, report.lines);
            assert!(all.contains("nouvelle location BAIL100"), "{all}");
            assert!(all.contains("complément de 130,00"), "{all}");
        }
        other => panic!("simulation attendue : {other:?}"),
    }
    assert!(
        !app.data().leases.iter().any(|l| l.reference == "BAIL100"),
        "la simulation n'écrit rien"
    );
    send(&mut app, transfer_step(T::Apply));
    assert!(app.transfer().expect("boîte").treatment.is_finished());
    let data = app.data();
    let new = data
        .leases
        .iter()
        .find(|l| l.reference == "BAIL100")
        .expect("nouvelle location");
    assert_eq!(
        (new.unit.as_str(), new.tenant.as_str()),
        ("IMM02-10", "LOC002")
    );
    assert_eq!(new.start_date, ymd(2027, 1, 1));
    let old = data
        .leases
        .iter()
        .find(|l| l.reference == "BAIL002")
        .expect("ancienne location");
    assert_eq!(old.move_out_date, Some(ymd(2026, 12, 31)));
    assert_eq!(old.move_out_reason, Some(MoveOutReason::Transfer));
    send(&mut app, transfer_step(T::Close));
    assert!(app.transfer().is_none());
}

#[test]
fn a_bad_transfer_shows_a_french_message_and_writes_nothing() {
    use abri::gui::screen::transfer::Field;
    use abri::gui::widget::treatment::{Message as T, Phase};
    let failure = |app: &App| match app.transfer().expect("boîte").treatment.phase() {
        Phase::Failed(message) => message.clone(),
        other => panic!("refus attendu : {other:?}"),
    };
    // Date illisible : refusée avant tout calcul, le champ nommé.
    let mut app = demo_app();
    transfer_dialog(
        &mut app,
        &[(Field::Unit, "IMM02-10"), (Field::Start, "32/01/2027")],
    );
    send(&mut app, transfer_step(T::Run));
    assert!(failure(&app).starts_with("Début de la nouvelle location"));
    // Lot occupé (IMM01-01 : BAIL001) : refus du traitement, rien d'écrit.
    let mut app = demo_app();
    let leases_before = app.data().leases.clone();
    transfer_dialog(
        &mut app,
        &[(Field::Unit, "IMM01-01"), (Field::Start, "01/01/2027")],
    );
    send(&mut app, transfer_step(T::Run));
    let message = failure(&app);
    assert!(message.contains("IMM01-01"), "{message}");
    assert_eq!(app.data().leases, leases_before);
}

// ---- Fusion de locataires (menu Locataires) ----

/// Démonstration avec une seconde fiche de Karim MARTIN (LOC001), écrite « Martin Karim »,
/// sans location.
fn demo_with_duplicate() -> App {
    let mut store = Store::open_in_memory().expect("base en mémoire");
    let session = create_demo_with(&mut store, "test", false).expect("démonstration");
    store
        .write(&session, "doublon", |repo| {
            let mut twin = repo
                .tenants()?
                .into_iter()
                .find(|t| t.reference == "LOC001")
                .expect("LOC001");
            twin.reference = "LOC099".into();
            twin.surname = "Martin".into();
            twin.first_name = "KARIM".into();
            // Numéros uniques d'une fiche : laissés à la fiche d'origine.
            twin.nur.clear();
            twin.claims.clear();
            repo.insert_tenant(&twin)
        })
        .expect("doublon");
    App::load_at(
        store,
        session,
        PathBuf::from("/tmp/fusion.sqlite"),
        ymd(2026, 11, 26),
    )
    .expect("chargement de l'application")
}

fn merge(m: abri::gui::screen::merge::Message) -> Message {
    Message::Merge(m)
}

fn merge_step(m: abri::gui::widget::treatment::Message) -> Message {
    merge(abri::gui::screen::merge::Message::Treatment(m))
}

fn open_merge(app: &mut App, kept: &str, absorbed: &str) {
    use abri::gui::screen::merge::{Field, Message as M};
    send(
        app,
        Message::Pick(Some(Window::Tenants), Box::new(merge(M::Open))),
    );
    assert!(ui(app).find("Fiche absorbée").is_ok());
    send(app, merge(M::Input(Field::Kept, kept.into())));
    send(app, merge(M::Input(Field::Absorbed, absorbed.into())));
}

fn is_active(app: &App, tenant: &str) -> bool {
    app.db()
        .with_store(|s| {
            s.connection()
                .query_row(
                    "SELECT active FROM tenant WHERE reference = ?1",
                    [tenant],
                    |r| r.get::<_, i64>(0),
                )
                .map_err(|e| abri::store::StoreError::Database(e.to_string()))
        })
        .expect("locataire")
        == 1
}

#[test]
fn the_merge_dialog_simulates_then_deactivates_the_absorbed_tenant() {
    use abri::gui::widget::treatment::{Message as T, Phase};
    let mut app = demo_with_duplicate();
    open_merge(&mut app, "LOC099", "LOC001");
    send(&mut app, merge_step(T::Run));
    match &app.merge().expect("boîte").treatment.phase() {
        Phase::Planned(report) => assert!(
            report.summary.contains("1 location(s) (BAIL001)"),
            "{report:?}"
        ),
        other => panic!("simulation attendue : {other:?}"),
    }
    assert!(is_active(&app, "LOC001"), "la simulation n'écrit rien");
    send(&mut app, merge_step(T::Apply));
    assert!(app.merge().expect("boîte").treatment.is_finished());
    assert!(!is_active(&app, "LOC001"));
    let bail001 = app
        .data()
        .leases
        .iter()
        .find(|l| l.reference == "BAIL001")
        .expect("location");
    assert_eq!(bail001.tenant, "LOC099");
    let problems = app.db().with_store(|s| s.verify()).expect("vérification");
    assert!(problems.is_empty(), "{problems:?}");
}

#[test]
fn a_merge_of_two_people_is_refused_in_french_and_writes_nothing() {
    use abri::gui::widget::treatment::{Message as T, Phase};
    let mut app = demo_with_duplicate();
    // Karim MARTIN et Sophie DUPONT : deux personnes.
    open_merge(&mut app, "LOC002", "LOC001");
    send(&mut app, merge_step(T::Run));
    match app.merge().expect("boîte").treatment.phase() {
        Phase::Failed(message) => assert!(message.contains("nom"), "{message}"),
        other => panic!("refus attendu : {other:?}"),
    }
    assert!(is_active(&app, "LOC001"));
    // Fiche absorbée vide : le champ est nommé.
    send(&mut app, merge_step(T::Close));
    open_merge(&mut app, "LOC099", "");
    send(&mut app, merge_step(T::Run));
    match app.merge().expect("boîte").treatment.phase() {
        Phase::Failed(message) => assert!(message.starts_with("Fiche absorbée"), "{message}"),
        other => panic!("refus attendu : {other:?}"),
    }
    assert!(is_active(&app, "LOC001"));
}

// ---- Fenêtre Avis : les documents de solde de tout compte ----

#[test]
fn the_notices_window_lists_the_settlement_document() {
    use abri::model::DocumentKind;
    use abri::treatments::move_out::{self, MoveOutRequest};
    use abri::treatments::notices::{self, NoticeOptions};
    use abri::treatments::settlement::{self, SettlementRequest};
    use common::leases::{deposit_call, payment, setup, ItemRow, LeaseRow, TenantRow};
    // La situation de l'issue : dépôt 450,00 payé, sortie le 30/09/2026, avis de
    // septembre, solde au 06/10/2026 avec retenue ; puis le passage d'octobre fait le
    // document de solde.
    let (mut store, session) = setup(
        1,
        &[TenantRow("LOC1", "Martin", "Élise")],
        &[LeaseRow("BAIL1", "LOT1", "LOC1", "01/09/2026")],
        &[ItemRow("BAIL1", "Loyer", "LO", "LO", "80,00")],
    );
    let out = MoveOutRequest {
        lease: "BAIL1".into(),
        date: ymd(2026, 9, 30),
        reason: MoveOutReason::Departure,
        keys_returned: None,
        inventory: None,
    };
    move_out::run(&mut store, &session, &out, false).expect("sortie");
    deposit_call(&mut store, &session, "BAIL1", "450,00", ymd(2026, 9, 1));
    payment(
        &mut store,
        &session,
        ("LOC1", "BAIL1"),
        ("411500000", "450,00"),
        ymd(2026, 9, 5),
    );
    let run = |store: &mut Store, period, value_date| {
        let options = NoticeOptions {
            period,
            value_date,
            leases: None,
            run_message: String::new(),
        };
        notices::run(store, &session, &options, false)
            .expect("avis")
            .created
    };
    run(&mut store, ymd(2026, 9, 1), ymd(2026, 9, 1));
    let request = SettlementRequest {
        lease: "BAIL1".into(),
        value_date: ymd(2026, 10, 6),
        withholding: abri::model::money::parse_money("120,00").expect("montant"),
        reason: "porte à remplacer".into(),
    };
    settlement::run(&mut store, &session, &request, false).expect("solde");
    let created = run(&mut store, ymd(2026, 10, 1), ymd(2026, 10, 6));
    assert_eq!(created.len(), 1, "le document de solde");
    let mut app = App::load_at(
        store,
        session,
        PathBuf::from("/tmp/avis-solde.sqlite"),
        ymd(2026, 10, 20),
    )
    .expect("chargement de l'application");
    send(&mut app, Message::Open(Window::Notices));
    let rows = app.notices().table().rows();
    let row = rows
        .iter()
        .find(|r| r.doc.number == created[0])
        .expect("le document de solde dans la liste d'octobre");
    assert_eq!(row.doc.kind, DocumentKind::Settlement);
    assert_eq!(row.tenant, "LOC1");
    assert!(ui(&app).find("Solde TC").is_ok());
}

#[test]
fn the_rentals_menu_offers_the_transfer_and_the_merge() {
    let mut app = demo_app();
    send(&mut app, Message::Menu(Some(1)));
    let mut ui = ui(&app);
    assert!(ui.find("Mutation…").is_ok());
    assert!(ui.find("Fusionner locataire…").is_ok());
}
