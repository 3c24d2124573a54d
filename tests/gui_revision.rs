//! « Réviser les loyers… » sans écran : l'entrée des menus Lots et Locations ouvre la
//! boîte sur le lot choisi, « Simulation » montre le compte rendu sans rien écrire,
//! « Appliquer » révise ; la fiche de la location montre la prochaine révision et le
//! loyer attendu.
//!
//! Loyer de la démonstration (BAIL001, lot IMM01-01) : 380,00 ; référence IRL T3 2024 =
//! 144,51, dernière révision le 01/10/2025 ; révision du 01/10/2026 sur l'IRL T3 2025 =
//! 145,77 : 380,00 × 145,77 / 144,51 = 383,3135… → 383,31.

mod common;

use common::gui::{send, ui};
use std::path::PathBuf;

use chrono::NaiveDate;

use abri::gui::app::{App, Message, Window};
use abri::gui::screen::leases;
use abri::gui::screen::revision::Message as RevisionMessage;
use abri::gui::widget::form;
use abri::gui::widget::table::Message as TableMessage;
use abri::gui::widget::treatment::{self, Phase};
use abri::model::money::parse_money;
use abri::model::{IndexSeries, Quarter, RevisionOwner, RevisionTerms};
use abri::store::Store;
use abri::treatments::demo::create_demo_with;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 26).expect("date")
}

/// La démonstration, BAIL001 et son lot avec leurs conditions de révision.
fn app_with_terms() -> App {
    let mut store = Store::open_in_memory().expect("base en mémoire");
    let session = create_demo_with(&mut store, "test", false).expect("démonstration");
    store
        .write(&session, "conditions", |repo| {
            for owner in [
                RevisionOwner::Lease("BAIL001".into()),
                RevisionOwner::Unit("IMM01-01".into()),
            ] {
                repo.set_revision_terms(&RevisionTerms {
                    series: IndexSeries::Irl,
                    reference: Some(Quarter::new(2024, 3).expect("trimestre")),
                    reference_value: parse_money("144,51").expect("valeur"),
                    last_revision: NaiveDate::from_ymd_opt(2025, 10, 1),
                    ..RevisionTerms::new(owner)
                })?;
            }
            Ok::<_, abri::store::StoreError>(())
        })
        .expect("conditions de révision");
    App::load_at(store, session, PathBuf::from("/tmp/demo.sqlite"), today())
        .expect("chargement de l'application")
}

fn rent(app: &App) -> String {
    let item = app
        .data()
        .lease_items
        .iter()
        .find(|i| i.lease == "BAIL001" && i.item == "Loyer")
        .expect("loyer de BAIL001");
    abri::model::money::format_money(item.revised_amount)
}

fn revision(app: &mut App, m: RevisionMessage) {
    send(app, Message::Revision(m));
}

fn open_bail001(app: &mut App) {
    open_lease(app, "BAIL001");
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
        Message::Leases(leases::Message::List(TableMessage::Select(i))),
    );
    send(
        app,
        Message::Leases(leases::Message::List(TableMessage::Open(i))),
    );
}

#[test]
fn the_lease_form_shows_the_next_revision_and_the_expected_rent() {
    let mut app = app_with_terms();
    open_bail001(&mut app);
    send(
        &mut app,
        Message::Leases(leases::Message::Form(form::Message::Tab(
            leases::TAB_REVISION,
        ))),
    );
    let view = ui(&app);
    let mut view = view;
    assert!(view
        .find("Indice de référence : IRL 2024T3 = 144,51 — dernière révision : 01/10/2025 — prochaine révision : 01/10/2026 (révision automatique)")
        .is_ok());
    assert!(view
        .find("Loyer attendu à la prochaine révision : 380,00 € → 383,31 € (IRL 2025T3 = 145,77)")
        .is_ok());
}

#[test]
fn the_menu_opens_the_dialog_the_dry_run_writes_nothing_and_apply_revises() {
    let mut app = app_with_terms();
    open_bail001(&mut app);
    // Menu Locations → « Réviser les loyers… » : la boîte s'ouvre sur le lot de BAIL001.
    send(
        &mut app,
        Message::Pick(
            Some(Window::Leases),
            Box::new(Message::Revision(RevisionMessage::Open)),
        ),
    );
    let dialog = app.revision().expect("boîte ouverte");
    assert_eq!(dialog.units, "IMM01-01");
    assert!(ui(&app).find("Révision des loyers").is_ok());
    revision(&mut app, RevisionMessage::Date("01/10/2026".into()));
    revision(
        &mut app,
        RevisionMessage::Treatment(treatment::Message::Run),
    );
    let dialog = app.revision().expect("boîte ouverte");
    let Phase::Planned(report) = dialog.treatment.phase() else {
        panic!("simulation attendue : {:?}", dialog.treatment.phase());
    };
    let lines: Vec<&str> = report.lines.iter().map(|l| l.text.as_str()).collect();
    assert!(
        lines.contains(
            &"BAIL001 (lot IMM01-01) Loyer : 380,00 → 383,31 (IRL 2024T3 = 144,51 → 2025T3 = 145,77)"
        ),
        "{lines:?}"
    );
    assert_eq!(rent(&app), "380,00", "la simulation n'écrit rien");
    revision(
        &mut app,
        RevisionMessage::Treatment(treatment::Message::Apply),
    );
    let dialog = app.revision().expect("boîte ouverte");
    assert!(
        matches!(dialog.treatment.phase(), Phase::Finished(_)),
        "{:?}",
        dialog.treatment.phase()
    );
    assert_eq!(rent(&app), "383,31", "données relues après la révision");
    revision(
        &mut app,
        RevisionMessage::Treatment(treatment::Message::Close),
    );
    assert!(app.revision().is_none());
}

#[test]
fn the_units_menu_opens_the_dialog_on_all_units_without_a_chosen_unit() {
    let mut app = app_with_terms();
    send(
        &mut app,
        Message::Pick(
            Some(Window::Units),
            Box::new(Message::Revision(RevisionMessage::Open)),
        ),
    );
    assert_eq!(app.window(), Window::Units);
    assert_eq!(app.revision().expect("boîte ouverte").units, "");
    // Une date illisible : refus en français, rien ne tourne.
    revision(&mut app, RevisionMessage::Date("31/02/2026".into()));
    revision(
        &mut app,
        RevisionMessage::Treatment(treatment::Message::Run),
    );
    let phase = app.revision().expect("boîte").treatment.phase().clone();
    assert!(
        matches!(&phase, Phase::Failed(m) if m.contains("Date de révision")),
        "{phase:?}"
    );
}

/// La fenêtre du catalogue des indices ajoute une valeur (et refuse un IRL sans virgule) ;
/// la liste la montre aussitôt avec sa date de publication.
#[test]
fn the_index_catalogue_window_adds_a_quarter() {
    use abri::gui::screen::catalogues::{self, Catalogue};
    use abri::gui::screen::index_entry::Message as Entry;
    let mut app = app_with_terms();
    send(
        &mut app,
        Message::Open(Window::Catalogue(Catalogue::Indices)),
    );
    let entry = |app: &mut App, m: Entry| {
        send(app, Message::Catalogues(catalogues::Message::IndexEntry(m)))
    };
    entry(&mut app, Entry::Year("2026".into()));
    entry(&mut app, Entry::Quarter("1".into()));
    entry(&mut app, Entry::Value("14600".into()));
    entry(&mut app, Entry::Save);
    let outcome = app.catalogues().index_entry().outcome.clone();
    assert!(
        matches!(&outcome, Some(Err(m)) if m.contains("Valeur") && m.contains("virgule")),
        "{outcome:?}"
    );
    entry(&mut app, Entry::Series("ICC4"));
    entry(&mut app, Entry::Value("2100".into()));
    entry(&mut app, Entry::Published("20/03/2026".into()));
    entry(&mut app, Entry::Save);
    let outcome = app.catalogues().index_entry().outcome.clone();
    assert_eq!(
        outcome,
        Some(Ok(
            "Indice ajouté : ICC4 2026T1 = 2100 (publié le 20/03/2026)".to_string()
        ))
    );
    let added = app
        .data()
        .indices
        .iter()
        .find(|i| i.series == "ICC4" && i.year == 2026 && i.quarter == 1)
        .expect("indice ajouté");
    assert_eq!(added.value, parse_money("2100").expect("valeur"));
    assert!(ui(&app).find("20/03/2026").is_ok());
}

/// L'onglet Révision d'une location sans conditions : on les saisit et les enregistre ;
/// le loyer attendu paraît aussitôt. BAIL002 : 470,00 × 145,77 / 144,51 = 474,0979… →
/// 474,10.
#[test]
fn the_revision_tab_records_the_terms_of_a_lease() {
    use abri::gui::screen::revision_terms::Message as Terms;
    let mut app = app_with_terms();
    open_lease(&mut app, "BAIL002");
    send(
        &mut app,
        Message::Leases(leases::Message::Form(form::Message::Tab(
            leases::TAB_REVISION,
        ))),
    );
    assert!(ui(&app)
        .find("Aucune condition de révision : indiquez l'indice de référence ci-dessous.")
        .is_ok());
    let terms = |app: &mut App, m: Terms| send(app, Message::Leases(leases::Message::Terms(m)));
    terms(&mut app, Terms::Quarter("2024T5".into()));
    terms(&mut app, Terms::Save);
    assert!(ui(&app)
        .find("Conditions de révision enregistrées.")
        .is_err());
    terms(&mut app, Terms::Quarter("2024T3".into()));
    terms(&mut app, Terms::Value("144,51".into()));
    terms(&mut app, Terms::LastRevision("01/10/2025".into()));
    terms(&mut app, Terms::Save);
    let stored = app
        .data()
        .revision_terms
        .iter()
        .find(|t| t.owner == RevisionOwner::Lease("BAIL002".into()))
        .expect("conditions enregistrées");
    assert_eq!(
        stored.reference,
        Some(Quarter::new(2024, 3).expect("trimestre"))
    );
    assert_eq!(
        stored.reference_value,
        parse_money("144,51").expect("valeur")
    );
    let mut view = ui(&app);
    assert!(view.find("Conditions de révision enregistrées.").is_ok());
    assert!(view
        .find("Loyer attendu à la prochaine révision : 470,00 € → 474,10 € (IRL 2025T3 = 145,77)")
        .is_ok());
}

/// L'onglet « Révision » de la fiche lot : conditions et classe DPE, enregistrées avec la
/// fiche par « V » ; un lot classé G voit ses locations écartées par la révision.
#[test]
fn the_unit_revision_tab_saves_with_the_unit_and_a_g_unit_is_frozen() {
    use abri::gui::screen::records;
    use abri::gui::screen::revision_terms::{Message as Terms, UNIT_TAB};
    let mut app = app_with_terms();
    send(&mut app, Message::Open(Window::Units));
    let i = app
        .units()
        .table()
        .position(|u| u.reference == "IMM01-01")
        .expect("lot");
    send(
        &mut app,
        Message::Units(records::Message::List(TableMessage::Open(i))),
    );
    let form_message = |m| Message::Units(records::Message::Form(m));
    send(&mut app, form_message(form::Message::Tab(UNIT_TAB)));
    assert!(ui(&app).find("Classe énergétique (DPE)").is_ok());
    let panel = |app: &mut App, m: Terms| {
        send(app, Message::Units(records::Message::Panel(m)));
    };
    panel(&mut app, Terms::Dpe("G"));
    send(&mut app, form_message(form::Message::Save));
    let stored = app
        .data()
        .revision_terms
        .iter()
        .find(|t| t.owner == RevisionOwner::Unit("IMM01-01".into()))
        .expect("conditions du lot");
    assert_eq!(stored.dpe_class, "G");
    assert_eq!(
        stored.reference,
        Some(Quarter::new(2024, 3).expect("trimestre")),
        "les conditions déjà enregistrées sont gardées"
    );
    // La révision écarte le lot et sa location.
    send(
        &mut app,
        Message::Pick(
            Some(Window::Units),
            Box::new(Message::Revision(RevisionMessage::Open)),
        ),
    );
    revision(&mut app, RevisionMessage::Date("01/10/2026".into()));
    revision(
        &mut app,
        RevisionMessage::Treatment(treatment::Message::Run),
    );
    let dialog = app.revision().expect("boîte ouverte");
    let Phase::Finished(report) = dialog.treatment.phase() else {
        panic!("rien à appliquer : {:?}", dialog.treatment.phase());
    };
    let lines: Vec<&str> = report.lines.iter().map(|l| l.text.as_str()).collect();
    assert!(
        lines.contains(&"BAIL001 (lot IMM01-01) : non révisé — logement classé G : loyer gelé"),
        "{lines:?}"
    );
}
