//! Application graphique, sans écran : les fenêtres sont conduites par leurs messages
//! (`update`) et lues par leur état et par le simulateur d'iced (la vue réelle, cliquée
//! et tapée au clavier). Les tâches de fond (traitements) sont exécutées jusqu'au bout
//! dans le test, comme le ferait la boucle d'iced.

mod common;

use common::gui::{send, ui};
use std::path::PathBuf;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use iced::futures::StreamExt;
use iced::widget;
use iced_test::simulator::Simulator;

use abri::gui::app::{self, App, Message, Window};
use abri::gui::screen::allocation_keys;
use abri::gui::screen::buildings::{self, Buildings, Column};
use abri::gui::screen::database;
use abri::gui::screen::leases::{self, BILLING, PERIODS};
use abri::gui::screen::records;
use abri::gui::screen::situation;
use abri::gui::screen::vouchers;
use abri::gui::screen::{Data, Shortcut};
use abri::gui::theme::ROW_HEIGHT;
use abri::gui::widget::form::{self, DetailMessage};
use abri::gui::widget::table::{self, Message as TableMessage, Order, Table};
use abri::gui::widget::treatment::{self, Phase};
use abri::model::{Building, Money};
use abri::store::{Session, Store};
use abri::treatments::demo::{create_demo_with, demo_landlord};

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("date de test valide")
}

/// Date du jour des tests : après les pièces de démonstration (janvier 2026).
/// L'événement d'une touche pressée, tel que la fenêtre le reçoit.
fn key_press(key: iced::keyboard::Key, modifiers: iced::keyboard::Modifiers) -> iced::Event {
    use iced::keyboard::{key, Event, Location};
    iced::Event::Keyboard(Event::KeyPressed {
        key: key.clone(),
        modified_key: key,
        physical_key: key::Physical::Unidentified(key::NativeCode::Unidentified),
        location: Location::Standard,
        modifiers,
        text: None,
        repeat: false,
    })
}

fn today() -> NaiveDate {
    date(2026, 11, 26)
}

fn building(
    reference: &str,
    street: &str,
    postcode: &str,
    city: &str,
    start: NaiveDate,
) -> Building {
    Building {
        reference: reference.to_string(),
        start_date: start,
        end_date: None,
        analytic: String::new(),
        street: street.to_string(),
        postcode: postcode.to_string(),
        city: city.to_string(),
        syndic: None,
        real_rights_holder: String::new(),
    }
}

/// Trois immeubles, saisis dans le désordre : deux à Lyon (casse différente), un à
/// Villeurbanne.
fn store() -> (Store, Session) {
    let mut store = Store::open_in_memory().expect("base en mémoire");
    let session = store
        .create_landlord(&demo_landlord(), "test")
        .expect("bailleur");
    let buildings = [
        building(
            "B02",
            "3 rue de la République",
            "69002",
            "Lyon",
            date(2020, 1, 15),
        ),
        building(
            "B10",
            "8 avenue Jean Jaurès",
            "69100",
            "Villeurbanne",
            date(2018, 6, 1),
        ),
        building(
            "B01",
            "1 place Bellecour",
            "69002",
            "LYON",
            date(2021, 3, 1),
        ),
    ];
    store
        .write(&session, "test", |repo| {
            for b in &buildings {
                repo.insert_building(b)?;
            }
            Ok::<(), abri::store::StoreError>(())
        })
        .expect("immeubles");
    (store, session)
}

fn data_with(buildings: Vec<Building>) -> Data {
    Data {
        buildings,
        ..Data::default()
    }
}

fn screen() -> Buildings {
    let (store, session) = store();
    let rows = store
        .read(&session)
        .buildings()
        .expect("lecture des immeubles");
    Buildings::new(&data_with(rows))
}

/// Application sur la base des trois immeubles.
fn app() -> App {
    let (store, session) = store();
    App::load_at(store, session, PathBuf::from("/tmp/essai.sqlite"), today())
        .expect("chargement de l'application")
}

/// Application sur les fiches de démonstration (sans l'année d'avis et de règlements,
/// pour que les tests restent rapides et partent d'un état connu).
fn demo_app() -> App {
    let mut store = Store::open_in_memory().expect("base en mémoire");
    let session = create_demo_with(&mut store, "test", false).expect("démonstration");
    App::load_at(store, session, PathBuf::from("/tmp/demo.sqlite"), today())
        .expect("chargement de l'application")
}

/// Tous les documents enregistrés (la fenêtre Avis ne charge que ceux de sa période).
fn stored_documents(app: &App) -> Vec<abri::model::TenantDocument> {
    app.db()
        .read(|repo| repo.documents(&abri::store::DocumentFilter::default()))
        .expect("documents")
}

fn filter(text: &str) -> buildings::Message {
    records::Message::List(TableMessage::Filter(text.to_string()))
}

fn list(m: TableMessage<Column>) -> buildings::Message {
    records::Message::List(m)
}

/// Ctx de test pour conduire un écran seul.
fn with_ctx<T>(f: impl FnOnce(&abri::gui::screen::Ctx) -> T) -> T {
    let (store, session) = store();
    let db = abri::gui::db::Db::new(store, session, PathBuf::from("/tmp/x.sqlite"), today());
    let data = db.read(Data::load).expect("données");
    f(&abri::gui::screen::Ctx {
        db: &db,
        data: &data,
    })
}

// ---------------------------------------------------------------------------------
// Liste : tri, filtre, sélection, export.
// ---------------------------------------------------------------------------------

#[test]
fn starts_with_every_building_sorted_by_reference() {
    let screen = screen();
    assert_eq!(
        buildings::visible_references(&screen),
        ["B01", "B02", "B10"]
    );
    assert_eq!(screen.table().count_label(), "3 / 3 immeubles");
    assert_eq!(
        screen.table().sort(),
        Some((Column::Reference, Order::Ascending))
    );
}

#[test]
fn filter_keeps_matching_rows_ignoring_case_and_accents() {
    with_ctx(|ctx| {
        let mut screen = Buildings::new(ctx.data);
        assert_eq!(screen.update(filter("lyon"), ctx), None);
        assert_eq!(buildings::visible_references(&screen), ["B01", "B02"]);
        assert_eq!(screen.table().count_label(), "2 / 3 immeubles");
        screen.update(filter("VILLEURBANNE"), ctx);
        assert_eq!(buildings::visible_references(&screen), ["B10"]);
        screen.update(filter("jaures"), ctx);
        assert_eq!(buildings::visible_references(&screen), ["B10"]);
        screen.update(filter("republique"), ctx);
        assert_eq!(buildings::visible_references(&screen), ["B02"]);
        screen.update(filter("01/03/2021"), ctx);
        assert_eq!(buildings::visible_references(&screen), ["B01"]);
        screen.update(filter("paris"), ctx);
        assert!(buildings::visible_references(&screen).is_empty());
        assert_eq!(screen.table().count_label(), "0 / 3 immeubles");
    });
}

#[test]
fn clicking_a_header_sorts_then_reverses() {
    with_ctx(|ctx| {
        let mut screen = Buildings::new(ctx.data);
        screen.update(list(TableMessage::Sort(Column::Reference)), ctx);
        assert_eq!(
            buildings::visible_references(&screen),
            ["B10", "B02", "B01"]
        );
        screen.update(list(TableMessage::Sort(Column::StartDate)), ctx);
        assert_eq!(
            buildings::visible_references(&screen),
            ["B10", "B02", "B01"]
        );
        screen.update(list(TableMessage::Sort(Column::StartDate)), ctx);
        assert_eq!(
            buildings::visible_references(&screen),
            ["B01", "B02", "B10"]
        );
    });
}

#[test]
fn ctrl_and_shift_clicks_select_several_rows_and_the_count_shows_them() {
    with_ctx(|ctx| {
        let mut screen = Buildings::new(ctx.data);
        // Les lignes en base sont dans l'ordre des références : 0 = B01, 1 = B02, 2 = B10.
        screen.update(list(TableMessage::Select(0)), ctx);
        screen.update(
            list(TableMessage::Modifiers(iced::keyboard::Modifiers::CTRL)),
            ctx,
        );
        screen.update(list(TableMessage::Select(2)), ctx);
        let chosen: Vec<&str> = screen
            .table()
            .selection()
            .iter()
            .map(|b| b.reference.as_str())
            .collect();
        assert_eq!(chosen, ["B01", "B10"]);
        // Ctrl+clic retire une ligne déjà choisie.
        screen.update(list(TableMessage::Select(0)), ctx);
        assert_eq!(screen.table().selection().len(), 1);
        // Maj+clic : de la ligne courante (B01) à B10.
        screen.update(
            list(TableMessage::Modifiers(iced::keyboard::Modifiers::SHIFT)),
            ctx,
        );
        screen.update(list(TableMessage::Select(2)), ctx);
        assert_eq!(screen.table().selection().len(), 3);
        let mut ui = Simulator::with_settings(app::settings(), screen.view(ctx.data));
        assert!(ui.find("3 lignes sélectionnées").is_ok());
    });
}

#[test]
fn csv_export_writes_what_is_shown_for_a_french_spreadsheet() {
    with_ctx(|ctx| {
        let mut screen = Buildings::new(ctx.data);
        screen.update(filter("lyon"), ctx);
        let csv = screen.table().to_csv().expect("csv");
        assert!(csv.starts_with('\u{feff}'), "BOM UTF-8");
        let lines: Vec<&str> = csv.trim_start_matches('\u{feff}').split("\r\n").collect();
        assert_eq!(
            lines[0],
            "Référence;Adresse;Code postal;Ville;Début de gestion;Analytique"
        );
        assert_eq!(lines[1], "B01;1 place Bellecour;69002;LYON;01/03/2021;B01");
        assert_eq!(lines.len(), 4, "en-tête, deux lignes, fin de ligne finale");

        // Le bouton d'export écrit le fichier au chemin choisi.
        let dir = tempfile::tempdir().expect("dossier");
        let path = dir.path().join("immeubles.csv");
        screen.update(
            list(TableMessage::Export(
                abri::gui::widget::save::Message::Open(path.clone()),
            )),
            ctx,
        );
        screen.update(
            list(TableMessage::Export(
                abri::gui::widget::save::Message::Confirm,
            )),
            ctx,
        );
        let written = std::fs::read_to_string(&path).expect("fichier écrit");
        assert_eq!(written, csv);
        // Un dossier inexistant est signalé, sans panique.
        screen.update(
            list(TableMessage::Export(
                abri::gui::widget::save::Message::Open(PathBuf::from(
                    "/dossier/qui/n/existe/pas.csv",
                )),
            )),
            ctx,
        );
        screen.update(
            list(TableMessage::Export(
                abri::gui::widget::save::Message::Confirm,
            )),
            ctx,
        );
        assert!(matches!(
            screen.table().export_box().outcome(),
            Some(Err(_))
        ));
    });
}

#[test]
fn selection_pane_filters_leases_and_tenants() {
    let mut app = demo_app();
    let total = app.leases().table().rows().len();
    assert!(total > 10);
    // État « Sorties » : aucune location sortie dans la démonstration, ou quelques-unes.
    send(
        &mut app,
        Message::Leases(leases::Message::List(TableMessage::Pane(0, 1))),
    );
    let running = app.leases().table().visible_rows().len();
    assert!(running <= total);
    assert!(app
        .leases()
        .table()
        .visible_rows()
        .iter()
        .all(|l| l.move_out_date.is_none()));
    // Entrée à partir du 01/01/2020.
    send(
        &mut app,
        Message::Leases(leases::Message::List(TableMessage::PaneFrom(
            1,
            "01/01/2020".into(),
        ))),
    );
    assert!(app
        .leases()
        .table()
        .visible_rows()
        .iter()
        .all(|l| l.start_date >= date(2020, 1, 1)));
    assert!(app
        .leases()
        .table()
        .count_label()
        .ends_with(&format!("/ {total} locations")));
}

// ---------------------------------------------------------------------------------
// Fenêtre complète, par le simulateur.
// ---------------------------------------------------------------------------------

#[test]
fn window_shows_buildings_and_filters_as_the_user_types() {
    let mut app = app();
    assert_eq!(app.title(), "Abri — Association Toit Solidaire");
    assert_eq!(app.window(), Window::Buildings);
    let messages = {
        let mut ui = ui(&app);
        assert!(ui.find("3 / 3 immeubles").is_ok());
        assert!(ui.find("Début de gestion").is_ok());
        assert!(ui.find("15/01/2020").is_ok());
        assert!(ui
            .find("Bailleur : Association Toit Solidaire (DEMO)")
            .is_ok());
        assert!(ui.find("Base : /tmp/essai.sqlite").is_ok());
        ui.click(widget::Id::new(buildings::FILTER_ID))
            .expect("zone de filtre");
        let _ = ui.typewrite("villeur");
        ui.into_messages().collect::<Vec<_>>()
    };
    for message in messages {
        send(&mut app, message);
    }
    assert_eq!(buildings::visible_references(app.buildings()), ["B10"]);
    let mut ui = ui(&app);
    assert!(ui.find("1 / 3 immeubles").is_ok());
    assert!(ui.find("B02").is_err());
}

#[test]
fn sidebar_opens_every_window_without_panicking() {
    let mut app = demo_app();
    for window in Window::all() {
        send(&mut app, Message::Open(window));
        assert_eq!(app.window(), window);
        let mut ui = ui(&app);
        assert!(
            ui.find(window.title()).is_ok(),
            "la fenêtre « {} » doit montrer son titre",
            window.title()
        );
    }
}

#[test]
fn double_click_on_a_row_opens_the_form_and_escape_goes_back() {
    let mut app = app();
    let messages = {
        let mut ui = ui(&app);
        ui.click("B10").expect("ligne B10");
        ui.click("B10").expect("second clic");
        ui.into_messages().collect::<Vec<_>>()
    };
    for m in messages {
        send(&mut app, m);
    }
    let form = app
        .buildings()
        .form()
        .expect("fiche ouverte par double-clic");
    assert_eq!(form.reference(), Some("B10"));
    assert_eq!(form.text("ville"), "Villeurbanne");
    assert!(form.is_editable(), "fiche enregistrée modifiable");
    {
        let mut ui = ui(&app);
        assert!(ui.find("Immeuble B10").is_ok());
        assert!(ui.find("8 avenue Jean Jaurès").is_ok());
    }
    send(&mut app, Message::Shortcut(Shortcut::Escape));
    assert!(app.buildings().form().is_none());
    // Entrée rouvre la ligne courante.
    send(&mut app, Message::Shortcut(Shortcut::Enter));
    assert_eq!(
        app.buildings().form().and_then(|f| f.reference()),
        Some("B10")
    );
}

// ---------------------------------------------------------------------------------
// Formulaires : création d'un immeuble, d'un lot, d'un locataire et d'une location.
// ---------------------------------------------------------------------------------

fn b(m: form::Message) -> Message {
    Message::Buildings(records::Message::Form(m))
}

fn input(key: &'static str, value: &str) -> form::Message {
    form::Message::Input(key, value.to_string())
}

#[test]
fn mandatory_field_error_keeps_every_typed_value() {
    let mut app = app();
    send(&mut app, Message::Shortcut(Shortcut::New));
    assert!(app.buildings().form().is_some_and(|f| f.is_new()));
    send(&mut app, b(input("reference", "B20")));
    send(&mut app, b(input("ville", "Lyon")));
    send(&mut app, b(input("code_postal", "6900")));
    send(&mut app, b(input("fin_gestion", "31/02/2030")));
    send(&mut app, Message::Shortcut(Shortcut::Save));
    let form = app.buildings().form().expect("formulaire toujours ouvert");
    assert!(form.is_new(), "rien n'est enregistré");
    assert_eq!(form.error("rue"), Some("champ obligatoire, à renseigner"));
    assert!(form
        .error("code_postal")
        .is_some_and(|m| m.contains("5 chiffres")));
    assert!(form
        .error("fin_gestion")
        .is_some_and(|m| m.contains("n'est pas une date valide")));
    // Rien de ce qui a été tapé n'est perdu.
    assert_eq!(form.text("reference"), "B20");
    assert_eq!(form.text("ville"), "Lyon");
    assert_eq!(form.text("code_postal"), "6900");
    assert_eq!(form.text("fin_gestion"), "31/02/2030");
    {
        let mut ui = ui(&app);
        assert!(ui.find("champ obligatoire, à renseigner").is_ok());
        assert!(ui
            .find("Code postal invalide : saisissez 5 chiffres (par exemple 75012)")
            .is_ok());
    }
    // Quitter le formulaire demande confirmation.
    send(&mut app, Message::Shortcut(Shortcut::Escape));
    assert!(app
        .buildings()
        .form()
        .is_some_and(|f| f.pending().is_some()));
    send(&mut app, Message::Shortcut(Shortcut::Escape));
    assert_eq!(
        app.buildings().form().map(|f| f.text("ville")),
        Some("Lyon")
    );
    // Correction puis enregistrement.
    send(&mut app, b(input("rue", "5 rue Mercière")));
    send(&mut app, b(input("code_postal", "69002")));
    send(&mut app, b(input("fin_gestion", "")));
    send(&mut app, Message::Shortcut(Shortcut::Save));
    let form = app.buildings().form().expect("fiche");
    assert_eq!(form.reference(), Some("B20"));
    assert!(
        form.general_errors().is_empty(),
        "{:?}",
        form.general_errors()
    );
    assert!(app
        .data()
        .buildings
        .iter()
        .any(|b| b.reference == "B20" && b.analytic == "B20" && b.street == "5 rue Mercière"));
    assert_eq!(app.buildings().table().count_label(), "4 / 4 immeubles");
    // Une référence déjà prise est signalée sous le champ.
    send(&mut app, Message::Shortcut(Shortcut::New));
    send(&mut app, b(input("reference", "B01")));
    send(&mut app, b(input("rue", "x")));
    send(&mut app, b(input("code_postal", "69001")));
    send(&mut app, b(input("ville", "Lyon")));
    send(&mut app, Message::Shortcut(Shortcut::Save));
    assert!(app
        .buildings()
        .form()
        .and_then(|f| f.error("reference"))
        .is_some_and(|m| m.contains("existe déjà")));
}

#[test]
fn building_unit_tenant_and_lease_are_created_through_the_forms() {
    let mut app = demo_app();
    // Immeuble.
    send(&mut app, Message::Open(Window::Buildings));
    send(&mut app, Message::Buildings(records::Message::New));
    for (k, v) in [
        ("reference", "IMM09"),
        ("rue", "2 rue Neuve"),
        ("code_postal", "75011"),
        ("ville", "Paris"),
    ] {
        send(&mut app, b(input(k, v)));
    }
    send(&mut app, Message::Shortcut(Shortcut::Save));
    assert!(app.data().buildings.iter().any(|b| b.reference == "IMM09"));

    // Lot : l'immeuble vient d'être créé, il est dans la liste de choix.
    send(&mut app, Message::Open(Window::Units));
    send(&mut app, Message::Shortcut(Shortcut::New));
    let u = |m| Message::Units(records::Message::Form(m));
    for (k, v) in [
        ("reference", "IMM09-01"),
        ("immeuble", "IMM09"),
        ("nature", "Appartement"),
        ("usage", "Habitation"),
        ("forme", "Collectif"),
        ("typologie", "T2"),
        ("surface", "41,5"),
        ("loyer_reference", "450"),
    ] {
        send(&mut app, u(input(k, v)));
    }
    send(&mut app, Message::Shortcut(Shortcut::Save));
    let unit = app
        .data()
        .units
        .iter()
        .find(|u| u.reference == "IMM09-01")
        .expect("lot créé");
    assert_eq!(unit.building, "IMM09");
    assert_eq!(unit.living_area, Some(Money::new(4150, 2)));

    // Locataire, avec une allocation logement (onglet Administratif).
    send(&mut app, Message::Open(Window::Tenants));
    send(&mut app, Message::Shortcut(Shortcut::New));
    let t = |m| Message::Tenants(records::Message::Form(m));
    for (k, v) in [
        ("reference", "LOC099"),
        ("civilite", "Mme"),
        ("nom", "NOUVELLE"),
        ("prenom", "Alice"),
    ] {
        send(&mut app, t(input(k, v)));
    }
    send(&mut app, t(form::Message::Tab(1)));
    send(&mut app, t(form::Message::Detail(0, DetailMessage::Add)));
    send(
        &mut app,
        t(form::Message::Detail(
            0,
            DetailMessage::Input(0, "allocataire", "Alice NOUVELLE".into()),
        )),
    );
    send(
        &mut app,
        t(form::Message::Detail(
            0,
            DetailMessage::Input(0, "numero_allocataire", "12345".into()),
        )),
    );
    send(&mut app, Message::Shortcut(Shortcut::Save));
    // Numéro allocataire mal formé : erreur sur la ligne, rien de perdu.
    let form = app.tenants().form().expect("fiche");
    assert!(form.is_new());
    assert!(form.details[0]
        .error(0, "numero_allocataire")
        .is_some_and(|m| m.contains("7 chiffres")));
    assert_eq!(form.details[0].text(0, "allocataire"), "Alice NOUVELLE");
    send(
        &mut app,
        t(form::Message::Detail(
            0,
            DetailMessage::Input(0, "numero_allocataire", "7654321Z".into()),
        )),
    );
    send(&mut app, Message::Shortcut(Shortcut::Save));
    let tenant = app
        .data()
        .tenants
        .iter()
        .find(|t| t.reference == "LOC099")
        .expect("locataire créé");
    assert_eq!(tenant.claims.len(), 1);
    assert_eq!(tenant.state, abri::model::TenantState::Candidate);

    // Location avec une période et une rubrique de loyer.
    send(&mut app, Message::Open(Window::Leases));
    send(&mut app, Message::Shortcut(Shortcut::New));
    let l = |m| Message::Leases(leases::Message::Form(m));
    for (k, v) in [
        ("reference", "BAIL099"),
        ("lot", "IMM09-01"),
        ("locataire", "LOC099"),
        ("jour_echeance", "5"),
        ("debut", "01/12/2026"),
    ] {
        send(&mut app, l(input(k, v)));
    }
    send(&mut app, l(form::Message::Tab(leases::TAB_PERIODS)));
    send(
        &mut app,
        l(form::Message::Detail(PERIODS, DetailMessage::Add)),
    );
    let form = app.leases().form().expect("fiche");
    assert_eq!(
        form.details[PERIODS].text(0, "debut"),
        "01/12/2026",
        "la période commence par défaut au début de la location"
    );
    send(&mut app, l(form::Message::Tab(leases::TAB_ITEMS)));
    send(
        &mut app,
        l(form::Message::Detail(BILLING, DetailMessage::Add)),
    );
    send(
        &mut app,
        l(form::Message::Detail(
            BILLING,
            DetailMessage::Input(0, "rubrique", "Loyer".into()),
        )),
    );
    let form = app.leases().form().expect("fiche");
    assert_eq!(
        form.details[BILLING].text(0, "type"),
        "LO",
        "rempli par le catalogue"
    );
    send(
        &mut app,
        l(form::Message::Detail(
            BILLING,
            DetailMessage::Input(0, "montant_initial", "450,00".into()),
        )),
    );
    send(&mut app, Message::Shortcut(Shortcut::Save));
    let form = app.leases().form().expect("fiche");
    assert!(
        form.general_errors().is_empty(),
        "{:?}",
        form.general_errors()
    );
    assert_eq!(form.reference(), Some("BAIL099"));
    let data = app.data();
    let lease = data
        .leases
        .iter()
        .find(|l| l.reference == "BAIL099")
        .expect("location créée");
    assert_eq!(lease.start_date, date(2026, 12, 1));
    assert_eq!(lease.due_day_offset, 5);
    let period = data
        .periods
        .iter()
        .find(|p| p.lease == "BAIL099")
        .expect("période");
    assert_eq!(period.end_date, date(2027, 11, 30));
    let item = data
        .lease_items
        .iter()
        .find(|i| i.lease == "BAIL099")
        .expect("rubrique");
    assert_eq!(item.initial_amount, Money::new(45000, 2));
    assert_eq!(item.revised_amount, Money::new(45000, 2));
    assert!(data
        .tenants
        .iter()
        .any(|t| t.reference == "LOC099" && t.state == abri::model::TenantState::Tenant));
    // Une nouvelle période sur la location enregistrée commence après la dernière.
    send(
        &mut app,
        l(form::Message::Detail(PERIODS, DetailMessage::Add)),
    );
    assert_eq!(
        app.leases()
            .form()
            .map(|f| f.details[PERIODS].text(1, "debut")),
        Some("01/12/2027")
    );
}

// ---------------------------------------------------------------------------------
// Écritures, situation, balance, traitements.
// ---------------------------------------------------------------------------------

fn v(m: form::Message) -> Message {
    Message::Vouchers(vouchers::Message::Form(m))
}

/// Tape dans la nouvelle pièce un règlement par chèque de 100,00 de LOC011 au 26/11/2026.
fn type_payment(app: &mut App, cheque: &str) {
    for (k, val) in [
        ("modele", "Loc_REGL"),
        ("date", "26/11/2026"),
        ("tiers", "LOC011"),
        ("montant", "100,00"),
        ("mode", "Chèque"),
        ("reference", cheque),
    ] {
        send(app, v(input(k, val)));
    }
}

fn closing_of(app: &App) -> Money {
    match app.situation().result() {
        Some(Ok(s)) => s.closing(),
        other => panic!("situation attendue : {other:?}"),
    }
}

#[test]
fn a_payment_entered_in_the_vouchers_window_lowers_the_tenant_balance() {
    let mut app = demo_app();
    send(&mut app, Message::Open(Window::Situation));
    send(
        &mut app,
        Message::Situation(situation::Message::Tenant(
            abri::gui::widget::picker::Message::Query("LOC011".into()),
        )),
    );
    let before = closing_of(&app);
    assert_eq!(
        before,
        Money::new(8615, 2),
        "arriéré de LOC011 repris au 01/01/2026"
    );
    {
        let mut ui = ui(&app);
        assert!(ui.find("Situation des comptes locataires").is_ok());
    }

    send(&mut app, Message::Open(Window::Vouchers));
    let vouchers_before = app.vouchers().total();
    send(&mut app, Message::Shortcut(Shortcut::New));
    type_payment(&mut app, "CHQ 1234567");
    assert_eq!(
        app.vouchers().form().map(|f| f.text("journal")),
        Some("BQ"),
        "le journal vient du modèle"
    );
    send(&mut app, Message::Vouchers(vouchers::Message::Generate));
    let form = app.vouchers().form().expect("pièce");
    assert!(
        form.general_errors().is_empty(),
        "{:?}",
        form.general_errors()
    );
    assert!(form.details[0].rows.len() >= 2, "écritures générées");
    send(&mut app, Message::Vouchers(vouchers::Message::Check));
    let form = app.vouchers().form().expect("pièce");
    assert!(
        form.info().is_some_and(|m| m.contains("équilibrée")),
        "{:?} {:?}",
        form.info(),
        form.general_errors()
    );
    send(&mut app, Message::Shortcut(Shortcut::Save));
    let form = app.vouchers().form().expect("pièce");
    assert!(
        form.general_errors().is_empty(),
        "{:?}",
        form.general_errors()
    );
    let number = form.reference().expect("numéro de pièce").to_string();
    assert!(number.starts_with("2026"));
    assert!(form.notice().is_some(), "état de verrouillage affiché");
    assert_eq!(app.vouchers().total(), vouchers_before + 1);

    // La situation du locataire a suivi.
    send(&mut app, Message::Open(Window::Situation));
    let after = closing_of(&app);
    assert_eq!(after, before - Money::new(10000, 2));
    let mut ui = ui(&app);
    assert!(
        ui.find(number.as_str()).is_ok(),
        "la pièce est dans la situation"
    );
}

#[test]
fn an_unbalanced_voucher_is_refused_with_the_amount_off() {
    let mut app = demo_app();
    send(&mut app, Message::Open(Window::Vouchers));
    send(&mut app, Message::Shortcut(Shortcut::New));
    send(&mut app, v(input("journal", "OD")));
    send(&mut app, v(input("libelle", "Essai")));
    for row in 0..2 {
        send(&mut app, v(form::Message::Detail(0, DetailMessage::Add)));
        let account = if row == 0 { "512000000" } else { "580000000" };
        send(
            &mut app,
            v(form::Message::Detail(
                0,
                DetailMessage::Input(row, "compte", account.into()),
            )),
        );
    }
    send(
        &mut app,
        v(form::Message::Detail(
            0,
            DetailMessage::Input(0, "debit", "10".into()),
        )),
    );
    send(
        &mut app,
        v(form::Message::Detail(
            0,
            DetailMessage::Input(1, "credit", "9,50".into()),
        )),
    );
    send(&mut app, Message::Shortcut(Shortcut::Save));
    let form = app.vouchers().form().expect("pièce");
    assert!(form.is_new());
    assert!(
        form.general_errors()
            .iter()
            .any(|m| m.contains("déséquilibrée")),
        "{:?}",
        form.general_errors()
    );
    assert_eq!(form.details[0].text(1, "credit"), "9,50");
}

/// Les fenêtres du grand livre ne lisent rien au démarrage ; ouvertes, elles montrent
/// l'état de la base ; après un enregistrement fait ailleurs, elles le relisent à leur
/// prochaine ouverture (pas avant : un enregistrement ne relit pas la balance fermée).
#[test]
fn ledger_windows_are_read_when_opened_and_again_after_a_save_elsewhere() {
    let mut app = demo_app();
    assert_eq!(app.balance().total(), 0, "balance non lue au démarrage");
    send(&mut app, Message::Open(Window::Balance));
    assert!(app.balance().total() > 0);
    let before = app.balance().totals();

    // Un règlement de 100,00 saisi dans la fenêtre Écritures.
    send(&mut app, Message::Open(Window::Vouchers));
    let vouchers_before = app.vouchers().total();
    send(&mut app, Message::Shortcut(Shortcut::New));
    type_payment(&mut app, "CHQ 7654321");
    send(&mut app, Message::Vouchers(vouchers::Message::Generate));
    send(&mut app, Message::Shortcut(Shortcut::Save));
    assert_eq!(
        app.vouchers().total(),
        vouchers_before + 1,
        "pièce enregistrée"
    );
    assert_eq!(
        app.balance().totals(),
        before,
        "balance fermée pas encore relue"
    );

    send(&mut app, Message::Open(Window::Balance));
    let after = app.balance().totals();
    let hundred = Money::new(10000, 2);
    assert_eq!(after[2], before[2] + hundred, "débit de la période");
    assert_eq!(after[3], before[3] + hundred, "crédit de la période");
}

#[test]
fn balance_window_totals_balance() {
    let mut app = demo_app();
    send(&mut app, Message::Open(Window::Balance));
    let totals = app.balance().totals();
    assert!(app.balance().total() > 0);
    assert_eq!(totals[2], totals[3], "débit période = crédit période");
    send(
        &mut app,
        Message::Balance(abri::gui::screen::balance::Message::Presentation(
            abri::gui::text::BALANCE_BY_PARTY,
        )),
    );
    assert!(app
        .balance()
        .table()
        .rows()
        .iter()
        .any(|l| l.row.tiers.is_some()));
    let mut ui = ui(&app);
    assert!(ui.find("Nouveau solde").is_ok());
}

#[test]
fn catalogues_are_listed() {
    let app = demo_app();
    use abri::gui::screen::catalogues::Catalogue;
    for which in [
        Catalogue::Accounts,
        Catalogue::Journals,
        Catalogue::Templates,
        Catalogue::ChargeItems,
    ] {
        assert!(app.catalogues().total(which) > 0, "{which:?}");
    }
}

#[test]
fn database_check_runs_as_a_background_treatment_with_a_report() {
    let mut app = demo_app();
    send(&mut app, Message::Open(Window::Database));
    send(&mut app, Message::Database(database::Message::Verify));
    send(
        &mut app,
        Message::Database(database::Message::Treatment(treatment::Message::Run)),
    );
    let t = app.database().treatment().expect("boîte du traitement");
    match t.phase() {
        Phase::Finished(report) => {
            assert_eq!(report.summary, "Base vérifiée : aucun problème.")
        }
        other => panic!("compte rendu attendu : {other:?}"),
    }
    let mut ui = ui(&app);
    assert!(ui.find("Base vérifiée : aucun problème.").is_ok());
    assert!(ui.find("Enregistrer le compte rendu").is_ok());
}

// ---------------------------------------------------------------------------------
// La liste ne construit que ses lignes visibles.
// ---------------------------------------------------------------------------------

fn many(n: usize) -> Vec<Building> {
    (1..=n)
        .map(|i| {
            building(
                &format!("R{i:06}"),
                "1 rue Haute",
                "75001",
                "Paris",
                date(2020, 1, 1),
            )
        })
        .collect()
}

#[test]
fn only_the_rows_in_view_are_built() {
    with_ctx(|ctx| {
        let mut screen = Buildings::new(&data_with(many(2000)));
        assert_eq!(screen.table().count_label(), "2000 / 2000 immeubles");
        {
            let mut ui = Simulator::with_settings(app::settings(), screen.view(ctx.data));
            assert!(ui.find("R000001").is_ok());
            assert!(ui.find("R002000").is_err());
        }
        screen.update(
            list(TableMessage::Scrolled {
                offset: 2000.0 * ROW_HEIGHT - 600.0,
                height: 600.0,
            }),
            ctx,
        );
        let mut ui = Simulator::with_settings(app::settings(), screen.view(ctx.data));
        assert!(ui.find("R002000").is_ok());
        assert!(ui.find("R000001").is_err());
    });
}

/// Temps de construction de la vue d'une liste (médiane de plusieurs essais).
fn view_time(table: &Table<Building, Column>) -> Duration {
    let mut times: Vec<Duration> = (0..15)
        .map(|_| {
            let start = Instant::now();
            let element = table.view();
            drop(std::hint::black_box(element));
            start.elapsed()
        })
        .collect();
    times.sort();
    times[times.len() / 2]
}

fn big_table(n: usize) -> Table<Building, Column> {
    use abri::gui::screen::records::Entity;
    Table::new(
        Building::columns(),
        many(n),
        Some((Column::Reference, Order::Ascending)),
        buildings::FILTER_ID,
        "immeubles",
    )
}

#[test]
fn list_view_build_does_not_grow_with_the_number_of_rows() {
    let small = big_table(1_000);
    let large = big_table(100_000);
    assert_eq!(large.count_label(), "100000 / 100000 immeubles");
    // Autant de lignes construites pour 1 000 que pour 100 000 lignes.
    assert_eq!(small.built_rows(), large.built_rows());
    assert!(large.built_rows() < 100);
    let (t_small, t_large) = (view_time(&small), view_time(&large));
    assert!(
        t_large < t_small * 5 + Duration::from_millis(2),
        "vue de 100 000 lignes : {t_large:?}, de 1 000 : {t_small:?}"
    );
    // Même après un défilement au milieu de la liste.
    let mut large = large;
    large.update(table::Message::Scrolled {
        offset: 50_000.0 * ROW_HEIGHT,
        height: 700.0,
    });
    assert!(large.built_rows() < 100);
}

// ---------------------------------------------------------------------------------
// Avis : génération depuis la fenêtre Locations, puis la fenêtre Avis.
// ---------------------------------------------------------------------------------

use abri::gui::screen::notices;
use abri::gui::screen::payments;

fn treatment_phase(app: &App) -> Phase {
    app.leases()
        .generation()
        .map(|(t, _)| t.phase().clone())
        .expect("boîte de génération ouverte")
}

#[test]
fn notices_generated_from_the_leases_dialog_appear_in_the_notices_window() {
    let mut app = demo_app();
    assert_eq!(app.notices().total(), 0);
    send(&mut app, Message::Open(Window::Leases));
    send(&mut app, Message::Leases(leases::Message::Generate));
    {
        let mut ui = ui(&app);
        assert!(ui.find("Génération des avis d'échéance").is_ok());
        assert!(ui.find("Période (mois)").is_ok());
    }
    send(
        &mut app,
        Message::Leases(leases::Message::GenPeriod("01/11/2026".into())),
    );
    send(
        &mut app,
        Message::Leases(leases::Message::GenValueDate("01/11/2026".into())),
    );
    // « Lancer » : simulation dans une tâche de fond, compte rendu, rien d'écrit.
    send(
        &mut app,
        Message::Leases(leases::Message::Treatment(treatment::Message::Run)),
    );
    let planned = match treatment_phase(&app) {
        Phase::Planned(report) => report,
        other => panic!("simulation attendue : {other:?}"),
    };
    assert!(
        planned.summary.contains("avis à générer"),
        "{}",
        planned.summary
    );
    assert!(planned.lines.iter().any(|l| l.ok));
    assert!(
        stored_documents(&app).is_empty(),
        "la simulation n'écrit rien"
    );
    {
        let mut ui = ui(&app);
        assert!(ui.find("Appliquer").is_ok());
    }
    // « Appliquer » : les avis sont enregistrés, la fenêtre Avis les montre.
    send(
        &mut app,
        Message::Leases(leases::Message::Treatment(treatment::Message::Apply)),
    );
    let done = match treatment_phase(&app) {
        Phase::Finished(report) => report,
        other => panic!("compte rendu final attendu : {other:?}"),
    };
    assert!(done.summary.contains("enregistré"), "{}", done.summary);
    let generated = planned.lines.iter().filter(|l| l.ok).count();
    send(
        &mut app,
        Message::Leases(leases::Message::Treatment(treatment::Message::Close)),
    );
    assert!(app.leases().generation().is_none());

    send(&mut app, Message::Open(Window::Notices));
    assert_eq!(app.notices().total(), generated);
    let first = app.notices().table().visible_rows()[0].doc.clone();
    assert!(first.number.starts_with("A2026"));
    assert_eq!(first.period_start, Some(date(2026, 11, 1)));
    {
        let mut ui = ui(&app);
        assert!(ui.find(first.number.as_str()).is_ok());
        assert!(ui.find("11/2026").is_ok());
    }
    // Relancer le traitement ne crée pas de second avis.
    send(&mut app, Message::Open(Window::Leases));
    send(&mut app, Message::Leases(leases::Message::Generate));
    send(
        &mut app,
        Message::Leases(leases::Message::GenPeriod("01/11/2026".into())),
    );
    send(
        &mut app,
        Message::Leases(leases::Message::GenValueDate("01/11/2026".into())),
    );
    send(
        &mut app,
        Message::Leases(leases::Message::Treatment(treatment::Message::Run)),
    );
    match treatment_phase(&app) {
        Phase::Finished(report) | Phase::Planned(report) => {
            assert!(report.lines.iter().all(|l| !l.ok), "aucun avis en double")
        }
        other => panic!("{other:?}"),
    }

    // Indicateur « imprimé » sur la sélection.
    send(&mut app, Message::Open(Window::Notices));
    send(
        &mut app,
        Message::Notices(notices::Message::List(TableMessage::Select(0))),
    );
    send(
        &mut app,
        Message::Notices(notices::Message::MarkPrinted(true)),
    );
    let number = stored_documents(&app)[0].number.clone();
    assert!(stored_documents(&app)
        .iter()
        .any(|d| d.number == number && d.notice_printed));
    // Volet « Impression : avis non imprimés ».
    send(
        &mut app,
        Message::Notices(notices::Message::List(TableMessage::Pane(1, 1))),
    );
    assert_eq!(app.notices().table().visible_rows().len(), generated - 1);
}

#[test]
fn notices_print_to_a_pdf_in_the_background() {
    let mut app = demo_app();
    send(&mut app, Message::Open(Window::Leases));
    send(&mut app, Message::Leases(leases::Message::Generate));
    send(
        &mut app,
        Message::Leases(leases::Message::GenPeriod("01/11/2026".into())),
    );
    send(
        &mut app,
        Message::Leases(leases::Message::Treatment(treatment::Message::Run)),
    );
    send(
        &mut app,
        Message::Leases(leases::Message::Treatment(treatment::Message::Apply)),
    );
    send(&mut app, Message::Open(Window::Notices));
    let dir = tempfile::tempdir().expect("dossier");
    let path = dir.path().join("avis.pdf");
    send(&mut app, Message::Notices(notices::Message::Print));
    send(
        &mut app,
        Message::Notices(notices::Message::PrintPath(path.display().to_string())),
    );
    send(
        &mut app,
        Message::Notices(notices::Message::Treatment(treatment::Message::Run)),
    );
    match app.notices().treatment().map(|t| t.phase().clone()) {
        Some(Phase::Finished(report)) => {
            assert!(report.summary.contains("imprimé"), "{}", report.summary)
        }
        other => panic!("impression terminée attendue : {other:?}"),
    }
    let bytes = std::fs::read(&path).expect("PDF écrit");
    assert!(bytes.starts_with(b"%PDF"));
    assert!(stored_documents(&app).iter().all(|d| d.notice_printed));
}

// ---------------------------------------------------------------------------------
// Règlements : saisie rapide, ventilation, situation du locataire.
// ---------------------------------------------------------------------------------

fn p(m: form::Message) -> Message {
    Message::Payments(payments::Message::Form(m))
}

fn cell(row: usize, key: &'static str, value: &str) -> Message {
    p(form::Message::Detail(
        payments::ENTRIES,
        DetailMessage::Input(row, key, value.to_string()),
    ))
}

#[test]
fn a_payment_entered_in_the_payments_window_changes_the_tenant_balance() {
    let mut app = demo_app();
    send(&mut app, Message::Open(Window::Situation));
    send(
        &mut app,
        Message::Situation(situation::Message::Tenant(
            abri::gui::widget::picker::Message::Query("LOC011".into()),
        )),
    );
    let before = closing_of(&app);

    send(&mut app, Message::Open(Window::Payments));
    // La fenêtre s'ouvre sur la liste des règlements ; la saisie rapide s'ouvre sur une
    // ligne vide.
    send(&mut app, Message::Payments(payments::Message::Enter));
    assert_eq!(
        app.payments().form().details[payments::ENTRIES].rows.len(),
        1
    );
    send(&mut app, cell(0, "locataire", "LOC011"));
    send(&mut app, cell(0, "montant", "50,00"));
    send(&mut app, cell(0, "mode", "Chèque"));
    send(&mut app, cell(0, "reference", "CHQ 7654321"));
    send(&mut app, cell(0, "date_reglement", "24/11/2026"));
    // Une ligne illisible est signalée sur sa ligne, rien n'est perdu.
    send(
        &mut app,
        p(form::Message::Detail(payments::ENTRIES, DetailMessage::Add)),
    );
    send(&mut app, cell(1, "montant", "douze"));
    send(&mut app, Message::Payments(payments::Message::Preview));
    let form = app.payments().form();
    assert!(form.details[payments::ENTRIES]
        .error(1, "montant")
        .is_some());
    assert_eq!(form.details[payments::ENTRIES].text(1, "montant"), "douze");
    send(
        &mut app,
        p(form::Message::Detail(
            payments::ENTRIES,
            DetailMessage::Remove(1),
        )),
    );
    // Ventilation montrée sans rien écrire.
    send(&mut app, Message::Payments(payments::Message::Preview));
    let plan = match app.payments().preview() {
        Some(Ok(plan)) => plan.clone(),
        other => panic!(
            "ventilation attendue : {other:?} {:?} {:?}",
            app.payments().form().general_errors(),
            app.payments().form().details[payments::ENTRIES].rows
        ),
    };
    assert_eq!(plan.payments.len(), 1);
    assert!(plan.payments[0]
        .draft
        .entries
        .iter()
        .any(|e| e.tiers.as_deref() == Some("LOC011") && !e.credit.is_zero()));
    {
        let mut ui = ui(&app);
        assert!(ui.find("Ventilation automatique").is_ok());
    }
    // « V » : confirmation, puis enregistrement en tâche de fond.
    send(&mut app, Message::Shortcut(Shortcut::Save));
    assert!(matches!(
        app.payments().treatment().map(|t| t.phase().clone()),
        Some(Phase::Planned(_))
    ));
    send(
        &mut app,
        Message::Payments(payments::Message::Treatment(treatment::Message::Apply)),
    );
    match app.payments().treatment().map(|t| t.phase().clone()) {
        Some(Phase::Finished(report)) => {
            assert!(report.summary.contains("1 règlement"), "{}", report.summary)
        }
        other => panic!("{other:?}"),
    }
    send(
        &mut app,
        Message::Payments(payments::Message::Treatment(treatment::Message::Close)),
    );
    let rows = &app.payments().form().details[payments::ENTRIES].rows;
    assert_eq!(rows.len(), 1, "la saisie repart d'une ligne vide");
    assert!(!rows[0].saved);

    send(&mut app, Message::Open(Window::Situation));
    assert_eq!(closing_of(&app), before - Money::new(5000, 2));
}

#[test]
fn keyboard_shortcuts_become_messages() {
    use iced::keyboard::{key::Named, Key, Modifiers};
    let press = key_press;
    let id = iced::window::Id::unique();
    let ignored = iced::event::Status::Ignored;
    let captured = iced::event::Status::Captured;
    let shortcut = |m: Option<Message>| match m {
        Some(Message::Shortcut(s)) => Some(s),
        _ => None,
    };
    let ctrl_s = press(Key::Character("s".into()), Modifiers::CTRL);
    assert_eq!(
        shortcut(app::keyboard_message(ctrl_s.clone(), ignored, id)),
        Some(Shortcut::Save)
    );
    // Ctrl+S enregistre même quand une zone de saisie a le focus.
    assert_eq!(
        shortcut(app::keyboard_message(ctrl_s, captured, id)),
        Some(Shortcut::Save)
    );
    assert_eq!(
        shortcut(app::keyboard_message(
            press(Key::Character("N".into()), Modifiers::CTRL),
            ignored,
            id
        )),
        Some(Shortcut::New)
    );
    assert_eq!(
        shortcut(app::keyboard_message(
            press(Key::Named(Named::Delete), Modifiers::default()),
            ignored,
            id
        )),
        Some(Shortcut::Delete)
    );
    // Suppr dans une zone de saisie efface un caractère, pas la fiche.
    assert_eq!(
        shortcut(app::keyboard_message(
            press(Key::Named(Named::Delete), Modifiers::default()),
            captured,
            id
        )),
        None
    );
    assert_eq!(
        shortcut(app::keyboard_message(
            press(Key::Named(Named::Escape), Modifiers::default()),
            ignored,
            id
        )),
        Some(Shortcut::Escape)
    );
}

#[test]
fn unsaved_changes_survive_window_switches_and_closing_asks_first() {
    let mut app = app();
    send(&mut app, Message::Shortcut(Shortcut::New));
    send(&mut app, b(input("reference", "B30")));
    send(&mut app, Message::Open(Window::Tenants));
    send(&mut app, Message::Open(Window::Buildings));
    assert_eq!(
        app.buildings().form().map(|f| f.text("reference")),
        Some("B30"),
        "changer de fenêtre ne perd rien"
    );
    assert!(app.has_unsaved());
    send(&mut app, Message::CloseRequested);
    {
        let mut ui = ui(&app);
        assert!(ui.find("Quitter sans enregistrer").is_ok());
    }
    // Échap referme la question, la saisie reste.
    send(&mut app, Message::Shortcut(Shortcut::Escape));
    let mut ui = ui(&app);
    assert!(ui.find("Quitter sans enregistrer").is_err());
    assert_eq!(
        app.buildings().form().map(|f| f.text("reference")),
        Some("B30")
    );
}

// ---------------------------------------------------------------------------------
// Fiches enregistrées : modification, suppression, documents hors avis.
// ---------------------------------------------------------------------------------

use abri::gui::screen::one_off::{self, Field as OneOffField};
use abri::model::DocumentKind;

#[test]
fn a_saved_building_is_edited_and_the_list_shows_the_new_city() {
    let mut app = app();
    let position = app
        .buildings()
        .table()
        .position(|b| b.reference == "B10")
        .expect("B10");
    send(
        &mut app,
        Message::Buildings(list(TableMessage::Open(position))),
    );
    let form = app.buildings().form().expect("fiche ouverte");
    assert!(form.is_editable());
    assert!(form.notice().is_none(), "plus de bandeau « consultation »");
    // La référence est l'identité : elle ne se modifie pas.
    send(&mut app, b(input("reference", "B99")));
    assert_eq!(
        app.buildings().form().map(|f| f.text("reference")),
        Some("B10")
    );
    // Une erreur garde ce qui est tapé, et rien n'est écrit.
    send(&mut app, b(input("ville", "Vaulx-en-Velin")));
    send(&mut app, b(input("code_postal", "6912")));
    send(&mut app, Message::Shortcut(Shortcut::Save));
    let form = app.buildings().form().expect("fiche");
    assert!(form.error("code_postal").is_some());
    assert_eq!(form.text("ville"), "Vaulx-en-Velin");
    assert!(app
        .data()
        .buildings
        .iter()
        .any(|b| b.reference == "B10" && b.city == "Villeurbanne"));
    // Corrigée, « V » enregistre par la modification (pas un ajout).
    send(&mut app, b(input("code_postal", "69120")));
    send(&mut app, Message::Shortcut(Shortcut::Save));
    let form = app.buildings().form().expect("fiche toujours ouverte");
    assert!(
        form.general_errors().is_empty(),
        "{:?}",
        form.general_errors()
    );
    assert_eq!(form.info(), Some("Modifications de « B10 » enregistrées."));
    assert!(!form.is_dirty());
    assert_eq!(form.text("ville"), "Vaulx-en-Velin");
    assert_eq!(app.buildings().table().count_label(), "3 / 3 immeubles");
    let stored: Vec<_> = app
        .data()
        .buildings
        .iter()
        .filter(|b| b.reference == "B10")
        .collect();
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0].city, "Vaulx-en-Velin");
    assert_eq!(stored[0].postcode, "69120");
    // « V » sans modification : rien à enregistrer.
    send(&mut app, Message::Shortcut(Shortcut::Save));
    assert_eq!(
        app.buildings().form().and_then(|f| f.info()),
        Some("Rien à enregistrer : la fiche n'a pas été modifiée.")
    );
    // Retour à la liste : la nouvelle ville y est.
    send(&mut app, Message::Shortcut(Shortcut::Escape));
    assert!(app.buildings().form().is_none());
    let mut ui = ui(&app);
    assert!(ui.find("Vaulx-en-Velin").is_ok());
    assert!(ui.find("Villeurbanne").is_err());
}

#[test]
fn deleting_a_unit_with_a_lease_is_refused_in_french_and_a_free_unit_goes() {
    let mut app = demo_app();
    send(&mut app, Message::Open(Window::Units));
    let u = |m| Message::Units(records::Message::Form(m));
    let open = |app: &App, reference: &str| {
        let i = app
            .units()
            .table()
            .position(|u| u.reference == reference)
            .expect("lot");
        Message::Units(records::Message::List(TableMessage::Open(i)))
    };
    let message = open(&app, "IMM01-01");
    send(&mut app, message);
    // « – » demande confirmation ; « Supprimer » essaie, le store refuse.
    send(&mut app, u(form::Message::Delete));
    assert_eq!(
        app.units().form().and_then(|f| f.pending()),
        Some(form::Confirm::Delete)
    );
    {
        let mut ui = ui(&app);
        assert!(ui
            .find("Supprimer « Lot IMM01-01 » ? Cette action ne peut pas être annulée.")
            .is_ok());
    }
    let units_before = app.data().units.len();
    send(&mut app, Message::Shortcut(Shortcut::Enter));
    let refusal = "Suppression refusée : le lot « IMM01-01 » a 1 location(s) (BAIL001) : il ne peut pas être supprimé ; indiquez plutôt une fin de gestion, ou décochez « Disponible » avec un motif";
    let form = app.units().form().expect("la fiche reste ouverte");
    assert_eq!(form.general_errors(), [refusal]);
    assert_eq!(app.data().units.len(), units_before, "rien n'est supprimé");
    {
        let mut ui = ui(&app);
        assert!(ui.find(refusal).is_ok());
    }
    // Un lot sans location se supprime ; la liste le dit.
    send(&mut app, Message::Shortcut(Shortcut::Escape));
    let free = app
        .data()
        .units
        .iter()
        .find(|unit| !app.data().leases.iter().any(|l| l.unit == unit.reference))
        .map(|unit| unit.reference.clone())
        .expect("un lot libre dans la démonstration");
    let message = open(&app, &free);
    send(&mut app, message);
    send(&mut app, Message::Shortcut(Shortcut::Delete));
    send(&mut app, Message::Shortcut(Shortcut::Enter));
    assert!(app.units().form().is_none());
    assert_eq!(app.data().units.len(), units_before - 1);
    assert!(app.data().units.iter().all(|unit| unit.reference != free));
    assert_eq!(
        app.units().info().map(str::to_string),
        Some(format!("Fiche « {free} » supprimée."))
    );
    let problems = app.db().with_store(|s| s.verify()).expect("vérification");
    assert!(problems.is_empty(), "{problems:?}");
}

fn dialog(m: one_off::Message) -> Message {
    Message::Leases(leases::Message::OneOffDialog(m))
}

fn one_off_phase(app: &App) -> Phase {
    app.leases()
        .one_off()
        .map(|(t, _)| t.phase().clone())
        .expect("boîte ouverte")
}

#[test]
fn a_deposit_call_from_the_leases_window_appears_in_the_notices_window() {
    let mut app = demo_app();
    send(&mut app, Message::Open(Window::Leases));
    let i = app
        .leases()
        .table()
        .position(|l| l.reference == "BAIL004")
        .expect("BAIL004");
    send(
        &mut app,
        Message::Leases(leases::Message::List(TableMessage::Select(i))),
    );
    {
        let mut ui = ui(&app);
        assert!(ui.find("Appeler le dépôt de garantie…").is_ok());
        assert!(ui.find("Facture hors loyer…").is_ok());
        assert!(ui.find("Avoir hors loyer…").is_ok());
    }
    send(
        &mut app,
        Message::Leases(leases::Message::OneOff(DocumentKind::DepositCall)),
    );
    let (_, d) = app.leases().one_off().expect("boîte ouverte");
    assert_eq!(d.lease, "BAIL004", "la ligne choisie dans la liste");
    assert_eq!(
        d.value_date, "10/03/2026",
        "par défaut : début de la location"
    );
    {
        let mut ui = ui(&app);
        assert!(ui.find("Appel du dépôt de garantie").is_ok());
        assert!(ui.find("Simulation").is_ok());
    }
    // Montant manquant : l'erreur sous le champ, la boîte reste sur ses options.
    send(
        &mut app,
        dialog(one_off::Message::Treatment(treatment::Message::Run)),
    );
    assert_eq!(one_off_phase(&app), Phase::Options);
    let (_, d) = app.leases().one_off().expect("boîte");
    assert_eq!(
        d.error(OneOffField::Amount),
        Some("champ obligatoire, à renseigner")
    );
    // Une échéance plus grande que le montant : refus du traitement, sous son champ.
    send(
        &mut app,
        dialog(one_off::Message::Input(
            OneOffField::Amount,
            "400,00".into(),
        )),
    );
    send(&mut app, dialog(one_off::Message::Instalments(true)));
    assert_eq!(
        app.leases().one_off().map(|(_, d)| d.first.as_str()),
        Some("01/04/2026"),
        "premier avis proposé : le mois suivant"
    );
    send(
        &mut app,
        dialog(one_off::Message::Input(
            OneOffField::Instalment,
            "500".into(),
        )),
    );
    send(
        &mut app,
        dialog(one_off::Message::Treatment(treatment::Message::Run)),
    );
    assert_eq!(one_off_phase(&app), Phase::Options);
    let error = app
        .leases()
        .one_off()
        .and_then(|(_, d)| d.error(OneOffField::Instalment).map(str::to_string))
        .expect("erreur sur l'échéance");
    assert!(error.contains("au plus le montant (400,00)"), "{error}");
    {
        let mut ui = ui(&app);
        assert!(ui.find(error.as_str()).is_ok());
    }
    // Règlement immédiat : la simulation montre les écritures prévues, sans rien écrire.
    send(&mut app, dialog(one_off::Message::Instalments(false)));
    send(
        &mut app,
        dialog(one_off::Message::Treatment(treatment::Message::Run)),
    );
    let planned = match one_off_phase(&app) {
        Phase::Planned(report) => report,
        other => panic!("simulation attendue : {other:?}"),
    };
    assert_eq!(
        planned.summary,
        "Appel du dépôt de garantie de 400,00 € pour la location BAIL004, au 10/03/2026 : à enregistrer."
    );
    let text: Vec<&str> = planned.lines.iter().map(|l| l.text.as_str()).collect();
    assert!(
        text.iter().any(|l| l.contains("Débit 411500000")
            && l.contains("tiers LOC004")
            && l.ends_with(": 400,00 €")),
        "{text:#?}"
    );
    assert!(
        text.iter()
            .any(|l| l.contains("Crédit 165000000") && l.ends_with(": 400,00 €")),
        "{text:#?}"
    );
    assert!(
        stored_documents(&app).is_empty(),
        "la simulation n'écrit rien"
    );
    // « Appliquer » : le document et sa pièce sont créés, la fenêtre Avis le montre.
    send(
        &mut app,
        dialog(one_off::Message::Treatment(treatment::Message::Apply)),
    );
    let done = match one_off_phase(&app) {
        Phase::Finished(report) => report,
        other => panic!("compte rendu final attendu : {other:?}"),
    };
    assert!(
        done.summary.starts_with("Appel du dépôt de garantie D2026"),
        "{}",
        done.summary
    );
    send(
        &mut app,
        dialog(one_off::Message::Treatment(treatment::Message::Close)),
    );
    assert!(app.leases().one_off().is_none());
    send(&mut app, Message::Open(Window::Notices));
    // La fenêtre charge le mois en cours (novembre) : l'appel du 10/03 n'y est pas ; la
    // période du volet relit la base.
    assert_eq!(app.notices().total(), 0);
    send(
        &mut app,
        Message::Notices(notices::Message::List(TableMessage::PaneFrom(
            2,
            "01/03/2026".into(),
        ))),
    );
    assert_eq!(app.notices().total(), 1);
    let doc = app.notices().table().visible_rows()[0].doc.clone();
    assert_eq!(doc.kind, DocumentKind::DepositCall);
    assert_eq!(doc.lease, "BAIL004");
    assert_eq!(doc.amount, Money::new(40000, 2));
    {
        let mut ui = ui(&app);
        assert!(ui.find(doc.number.as_str()).is_ok());
        assert!(ui.find("400,00").is_ok());
    }
    // Une facture sans référence est refusée sous le champ ; avec, elle passe.
    send(&mut app, Message::Open(Window::Leases));
    send(
        &mut app,
        Message::Leases(leases::Message::OneOff(DocumentKind::Invoice)),
    );
    assert_eq!(
        app.leases().one_off().map(|(_, d)| d.value_date.as_str()),
        Some("26/11/2026"),
        "facture : date du jour"
    );
    send(
        &mut app,
        dialog(one_off::Message::Input(OneOffField::Amount, "35".into())),
    );
    send(
        &mut app,
        dialog(one_off::Message::Treatment(treatment::Message::Run)),
    );
    assert!(app
        .leases()
        .one_off()
        .and_then(|(_, d)| d.error(OneOffField::Reference))
        .is_some_and(|m| m.contains("obligatoire")));
    send(
        &mut app,
        dialog(one_off::Message::Input(
            OneOffField::Reference,
            "Remplacement de la serrure".into(),
        )),
    );
    send(
        &mut app,
        dialog(one_off::Message::Treatment(treatment::Message::Run)),
    );
    assert!(matches!(one_off_phase(&app), Phase::Planned(_)));
    send(
        &mut app,
        dialog(one_off::Message::Treatment(treatment::Message::Apply)),
    );
    assert!(matches!(one_off_phase(&app), Phase::Finished(_)));
    assert_eq!(stored_documents(&app).len(), 2);
    let problems = app.db().with_store(|s| s.verify()).expect("vérification");
    assert!(problems.is_empty(), "{problems:?}");
}

#[test]
fn a_lease_is_edited_with_its_periods_and_items() {
    let mut app = demo_app();
    send(&mut app, Message::Open(Window::Leases));
    let l = |m| Message::Leases(leases::Message::Form(m));
    let i = app
        .leases()
        .table()
        .position(|l| l.reference == "BAIL003")
        .expect("BAIL003");
    send(
        &mut app,
        Message::Leases(leases::Message::List(TableMessage::Open(i))),
    );
    let form = app.leases().form().expect("fiche");
    assert!(form.is_editable());
    assert!(
        !form.details[BILLING].rows.is_empty(),
        "des rubriques de facturation"
    );
    let row = 0;
    let item = form.details[BILLING].text(row, "rubrique").to_string();
    // En-tête : jour d'échéance ; rubrique : montant révisé ; une nouvelle période.
    send(&mut app, l(input("jour_echeance", "8")));
    send(
        &mut app,
        l(form::Message::Detail(
            BILLING,
            DetailMessage::Input(row, "montant_revise", "612,34".into()),
        )),
    );
    // La rubrique du catalogue d'une ligne enregistrée ne change pas.
    send(
        &mut app,
        l(form::Message::Detail(
            BILLING,
            DetailMessage::Input(row, "rubrique", "Assurance".into()),
        )),
    );
    send(
        &mut app,
        l(form::Message::Detail(PERIODS, DetailMessage::Add)),
    );
    send(&mut app, Message::Shortcut(Shortcut::Save));
    let form = app.leases().form().expect("fiche");
    assert!(
        form.general_errors().is_empty(),
        "{:?}",
        form.general_errors()
    );
    assert!(!form.is_dirty());
    let data = app.data();
    let lease = data
        .leases
        .iter()
        .find(|l| l.reference == "BAIL003")
        .expect("location");
    assert_eq!(lease.due_day_offset, 8);
    assert!(data.lease_items.iter().any(|i| i.lease == "BAIL003"
        && i.item == item
        && i.revised_amount == Money::new(61234, 2)));
    let periods = data.periods.iter().filter(|p| p.lease == "BAIL003").count();
    // Une ligne marquée « – » est supprimée au prochain « V ».
    let last = app
        .leases()
        .form()
        .map(|f| f.details[PERIODS].rows.len())
        .unwrap_or(0)
        - 1;
    send(
        &mut app,
        l(form::Message::Detail(PERIODS, DetailMessage::Remove(last))),
    );
    assert!(app
        .leases()
        .form()
        .is_some_and(|f| f.details[PERIODS].is_removed(last)));
    send(&mut app, Message::Shortcut(Shortcut::Save));
    assert_eq!(
        app.data()
            .periods
            .iter()
            .filter(|p| p.lease == "BAIL003")
            .count(),
        periods - 1
    );
    // BAIL003 a une pièce (règlement R1) : sa suppression est refusée, en français.
    send(&mut app, Message::Shortcut(Shortcut::Delete));
    send(&mut app, Message::Shortcut(Shortcut::Enter));
    let form = app.leases().form().expect("la fiche reste ouverte");
    assert_eq!(form.general_errors().len(), 1);
    assert!(
        form.general_errors()[0].starts_with(
            "Suppression refusée : la location « BAIL003 » a déjà 1 pièce(s) comptable(s)"
        ),
        "{:?}",
        form.general_errors()
    );
    assert!(app.data().leases.iter().any(|l| l.reference == "BAIL003"));
    // Une location qui n'a encore rien produit se supprime.
    send(&mut app, Message::Shortcut(Shortcut::Escape));
    let i = app
        .leases()
        .table()
        .position(|l| l.reference == "BAIL009")
        .expect("BAIL009");
    send(
        &mut app,
        Message::Leases(leases::Message::List(TableMessage::Open(i))),
    );
    send(&mut app, Message::Shortcut(Shortcut::Delete));
    send(&mut app, Message::Shortcut(Shortcut::Enter));
    assert!(app.leases().form().is_none());
    assert!(app.data().leases.iter().all(|l| l.reference != "BAIL009"));
    assert_eq!(app.leases().info(), Some("Fiche « BAIL009 » supprimée."));
    let problems = app.db().with_store(|s| s.verify()).expect("vérification");
    assert!(problems.is_empty(), "{problems:?}");
}

fn keys(m: allocation_keys::Message) -> Message {
    Message::Buildings(records::Message::Panel(m))
}

/// La clé ouverte dans l'onglet des clés de la fiche immeuble.
fn open_key(app: &App) -> allocation_keys::KeyDraft {
    app.buildings()
        .panel()
        .selected()
        .cloned()
        .expect("une clé ouverte")
}

#[test]
fn an_allocation_key_is_created_with_its_shares_and_the_sum_is_checked() {
    use allocation_keys::{KeyField, Message as K};
    let mut app = demo_app();
    send(&mut app, Message::Open(Window::Buildings));
    let i = app
        .buildings()
        .table()
        .position(|b| b.reference == "IMM04")
        .expect("IMM04");
    send(&mut app, Message::Buildings(list(TableMessage::Open(i))));
    // Onglet Lots : les lots de l'immeuble, leur surface et leur type.
    send(&mut app, b(form::Message::Tab(buildings::TAB_UNITS)));
    {
        let mut ui = ui(&app);
        assert!(ui.find("IMM04-CAVE").is_ok());
        assert!(ui.find("84,00 m²").is_ok());
        assert!(ui.find("Secondaire").is_ok());
    }
    send(&mut app, b(form::Message::Tab(buildings::TAB_KEYS)));
    assert!(
        app.buildings().panel().drafts().is_empty(),
        "IMM04 n'a pas de clé"
    );
    assert_eq!(
        app.buildings()
            .panel()
            .units()
            .iter()
            .map(|u| u.reference.as_str())
            .collect::<Vec<_>>(),
        ["IMM04-01", "IMM04-CAVE"],
        "une ligne par lot de l'immeuble"
    );
    // Nouvelle clé : somme 90 pour un total de 100, l'avertissement s'affiche aussitôt.
    send(&mut app, keys(K::New));
    send(&mut app, keys(K::Input(KeyField::Code, "TANT".into())));
    send(
        &mut app,
        keys(K::Input(KeyField::Label, "Charges générales".into())),
    );
    send(&mut app, keys(K::Input(KeyField::Total, "100".into())));
    send(&mut app, keys(K::Share(0, "60".into())));
    send(&mut app, keys(K::Share(1, "30".into())));
    let warning = "la somme des tantièmes des lots (90) diffère du total de la clé (100)";
    assert_eq!(open_key(&app).warning().as_deref(), Some(warning));
    assert!(app.buildings().form().is_some_and(|f| f.is_dirty()));
    assert!(ui(&app).find(format!("⚠ {warning}")).is_ok());
    // « V » enregistre la clé malgré l'avertissement (ce n'est pas une erreur).
    send(&mut app, Message::Shortcut(Shortcut::Save));
    let form = app.buildings().form().expect("fiche");
    assert!(
        form.general_errors().is_empty(),
        "{:?}",
        form.general_errors()
    );
    assert!(!form.is_dirty());
    let stored: Vec<_> = app
        .data()
        .allocation_keys
        .iter()
        .filter(|k| k.building == "IMM04")
        .cloned()
        .collect();
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0].code, "TANT");
    assert_eq!(stored[0].total_shares, 100);
    assert_eq!(stored[0].warning().as_deref(), Some(warning));
    assert!(
        open_key(&app).is_stored(),
        "la clé reste ouverte, enregistrée"
    );
    assert!(ui(&app).find(format!("⚠ {warning}")).is_ok());
    // Corrigée (somme 100), l'avertissement disparaît.
    send(&mut app, keys(K::Share(1, "40".into())));
    assert_eq!(open_key(&app).warning(), None);
    send(&mut app, Message::Shortcut(Shortcut::Save));
    let key = app
        .data()
        .allocation_keys
        .iter()
        .find(|k| k.building == "IMM04")
        .cloned()
        .expect("clé");
    assert_eq!(key.sum_of_shares(), 100);
    assert_eq!(key.warning(), None);
    {
        let mut ui = ui(&app);
        assert!(ui.find(format!("⚠ {warning}")).is_err());
        assert!(ui.find("✓ somme = total").is_ok());
    }
    // Le code d'une clé enregistrée ne change plus.
    send(&mut app, keys(K::Input(KeyField::Code, "GEN".into())));
    assert_eq!(open_key(&app).typed.code, "TANT");
    // Une clé au même code, un total illisible : refus en français, rien n'est perdu.
    send(&mut app, keys(K::New));
    send(&mut app, keys(K::Input(KeyField::Code, "TANT".into())));
    send(
        &mut app,
        keys(K::Input(KeyField::Label, "Ascenseur".into())),
    );
    send(&mut app, keys(K::Input(KeyField::Total, "cent".into())));
    // Enregistrée depuis un autre onglet, la fiche montre l'onglet des clés en erreur.
    send(&mut app, b(form::Message::Tab(0)));
    send(&mut app, Message::Shortcut(Shortcut::Save));
    assert_eq!(
        app.buildings().form().map(|f| f.tab()),
        Some(buildings::TAB_KEYS)
    );
    let draft = open_key(&app);
    assert_eq!(
        draft.error(KeyField::Total),
        Some("« cent » n'est pas un nombre entier (exemple : 12)")
    );
    assert_eq!(draft.typed.label, "Ascenseur");
    assert_eq!(
        app.buildings().form().map(|f| f.general_errors().to_vec()),
        Some(vec![abri::gui::text::PANEL_HAS_ERRORS.to_string()])
    );
    send(&mut app, keys(K::Input(KeyField::Total, "50".into())));
    send(&mut app, Message::Shortcut(Shortcut::Save));
    assert_eq!(
        open_key(&app).error(KeyField::Code),
        Some("la clé « TANT » existe déjà pour l'immeuble « IMM04 » : choisissez un autre code")
    );
    assert_eq!(
        app.data()
            .allocation_keys
            .iter()
            .filter(|k| k.building == "IMM04")
            .count(),
        1,
        "rien n'est écrit"
    );
    send(&mut app, keys(K::Input(KeyField::Code, "ASC".into())));
    send(&mut app, keys(K::Share(0, "50".into())));
    send(&mut app, Message::Shortcut(Shortcut::Save));
    let codes: Vec<String> = app
        .data()
        .allocation_keys
        .iter()
        .filter(|k| k.building == "IMM04")
        .map(|k| k.code.clone())
        .collect();
    assert_eq!(codes, ["TANT", "ASC"], "par ordre : TANT (0), ASC (1)");
    // « – » marque une clé enregistrée ; « V » la supprime.
    send(&mut app, keys(K::Remove(0)));
    assert!(app.buildings().panel().drafts()[0].is_removed());
    send(&mut app, Message::Shortcut(Shortcut::Save));
    let codes: Vec<String> = app
        .data()
        .allocation_keys
        .iter()
        .filter(|k| k.building == "IMM04")
        .map(|k| k.code.clone())
        .collect();
    assert_eq!(codes, ["ASC"]);
    let problems = app.db().with_store(|s| s.verify()).expect("vérification");
    assert!(problems.is_empty(), "{problems:?}");
}

#[test]
fn a_lease_note_is_typed_saved_and_read_back() {
    use iced::widget::text_editor::{Action, Edit, Motion};
    let mut app = demo_app();
    send(&mut app, Message::Open(Window::Leases));
    let l = |m| Message::Leases(leases::Message::Form(m));
    let open = |app: &mut App| {
        let i = app
            .leases()
            .table()
            .position(|l| l.reference == "BAIL003")
            .expect("BAIL003");
        send(
            app,
            Message::Leases(leases::Message::List(TableMessage::Open(i))),
        );
    };
    open(&mut app);
    send(&mut app, l(form::Message::Tab(leases::TAB_NOTES)));
    send(&mut app, l(input("notes", "Visite du 12/03/2026.\nRAS")));
    // Frappe dans l'éditeur : en fin de texte.
    send(
        &mut app,
        l(form::Message::Edit(
            "notes",
            Action::Move(Motion::DocumentEnd),
        )),
    );
    for c in " !".chars() {
        send(
            &mut app,
            l(form::Message::Edit("notes", Action::Edit(Edit::Insert(c)))),
        );
    }
    let form = app.leases().form().expect("fiche");
    assert_eq!(form.text("notes"), "Visite du 12/03/2026.\nRAS !");
    assert!(form.is_dirty());
    send(&mut app, Message::Shortcut(Shortcut::Save));
    let form = app.leases().form().expect("fiche");
    assert!(
        form.general_errors().is_empty(),
        "{:?}",
        form.general_errors()
    );
    assert!(!form.is_dirty());
    assert_eq!(
        form.tab(),
        leases::TAB_NOTES,
        "la fiche relue garde son onglet"
    );
    let stored = app
        .data()
        .leases
        .iter()
        .find(|l| l.reference == "BAIL003")
        .map(|l| l.notes.clone());
    assert_eq!(stored.as_deref(), Some("Visite du 12/03/2026.\nRAS !"));
    // Fermée puis rouverte, la fiche montre la note enregistrée.
    send(&mut app, Message::Shortcut(Shortcut::Escape));
    assert!(app.leases().form().is_none());
    open(&mut app);
    assert_eq!(
        app.leases().form().map(|f| f.text("notes")),
        Some("Visite du 12/03/2026.\nRAS !")
    );
    send(&mut app, l(form::Message::Tab(leases::TAB_NOTES)));
    assert!(ui(&app).find("Notes de suivi").is_ok());
}

#[test]
fn moving_a_unit_to_another_building_asks_first() {
    let mut app = demo_app();
    send(&mut app, Message::Open(Window::Units));
    let u = |m| Message::Units(records::Message::Form(m));
    let i = app
        .units()
        .table()
        .position(|u| u.reference == "IMM01-01")
        .expect("lot");
    send(
        &mut app,
        Message::Units(records::Message::List(TableMessage::Open(i))),
    );
    send(&mut app, u(input("immeuble", "IMM02")));
    send(&mut app, Message::Shortcut(Shortcut::Save));
    let form = app.units().form().expect("fiche");
    assert_eq!(form.pending(), Some(form::Confirm::Save));
    let question = form.question().expect("question").to_string();
    assert!(
        question.starts_with(
            "Le lot « IMM01-01 » passe de l'immeuble « IMM01 » à l'immeuble « IMM02 »"
        ),
        "{question}"
    );
    {
        let mut ui = ui(&app);
        assert!(ui.find(question.as_str()).is_ok());
    }
    // « Annuler » : rien n'est écrit, la saisie reste.
    send(&mut app, Message::Shortcut(Shortcut::Escape));
    assert!(app
        .data()
        .units
        .iter()
        .any(|x| x.reference == "IMM01-01" && x.building == "IMM01"));
    assert_eq!(
        app.units().form().map(|f| f.text("immeuble")),
        Some("IMM02")
    );
    // « Enregistrer » confirmé : le lot change d'immeuble.
    send(&mut app, Message::Shortcut(Shortcut::Save));
    send(&mut app, Message::Shortcut(Shortcut::Enter));
    assert!(app
        .data()
        .units
        .iter()
        .any(|x| x.reference == "IMM01-01" && x.building == "IMM02"));
    assert!(app
        .units()
        .form()
        .is_some_and(|f| !f.is_dirty() && f.pending().is_none()));
}

// ---------------------------------------------------------------------------------
// Listes au clavier : flèches, Maj, Début, Fin, pages, défilement, Entrée.
// ---------------------------------------------------------------------------------

/// Références des lignes sélectionnées.
fn chosen(table: &Table<Building, Column>) -> Vec<String> {
    table
        .selection()
        .iter()
        .map(|b| b.reference.clone())
        .collect()
}

fn current(table: &Table<Building, Column>) -> Option<String> {
    table.selected().map(|b| b.reference.clone())
}

fn key(table: &mut Table<Building, Column>, step: table::Move, extend: bool) {
    table.update(table::Message::Move(step, extend));
}

#[test]
fn arrows_move_and_shift_extends_the_selection_in_the_shown_rows() {
    use table::Move;
    let mut t = big_table(100);
    // Zone de 10 lignes : une page = 9 lignes.
    t.update(table::Message::Scrolled {
        offset: 0.0,
        height: 10.0 * ROW_HEIGHT,
    });
    // Sans ligne courante, la flèche part de la première ligne.
    key(&mut t, Move::Down, false);
    assert_eq!(current(&t).as_deref(), Some("R000001"));
    key(&mut t, Move::Down, false);
    key(&mut t, Move::Down, false);
    assert_eq!(chosen(&t), ["R000003"]);
    // Maj+flèche étend depuis l'ancrage, dans les deux sens.
    key(&mut t, Move::Down, true);
    key(&mut t, Move::Down, true);
    assert_eq!(chosen(&t), ["R000003", "R000004", "R000005"]);
    key(&mut t, Move::Up, true);
    key(&mut t, Move::Up, true);
    key(&mut t, Move::Up, true);
    assert_eq!(chosen(&t), ["R000002", "R000003"]);
    assert_eq!(current(&t).as_deref(), Some("R000002"));
    // Une flèche sans Maj repart d'une seule ligne ; Haut s'arrête à la première.
    key(&mut t, Move::Up, false);
    key(&mut t, Move::Up, false);
    assert_eq!(chosen(&t), ["R000001"]);
    // Page suivante : 9 lignes plus bas ; la zone ne défile pas encore (ligne 10 visible).
    key(&mut t, Move::PageDown, false);
    assert_eq!(current(&t).as_deref(), Some("R000010"));
    assert_eq!(t.scroll_offset(), 0.0);
    // Une ligne de plus : la zone défile d'une ligne pour la montrer.
    key(&mut t, Move::Down, false);
    assert_eq!(current(&t).as_deref(), Some("R000011"));
    assert_eq!(t.scroll_offset(), ROW_HEIGHT);
    // Fin : la dernière ligne, en bas de la zone ; Début : la première, en haut.
    key(&mut t, Move::End, false);
    assert_eq!(current(&t).as_deref(), Some("R000100"));
    assert_eq!(t.scroll_offset(), 90.0 * ROW_HEIGHT);
    let mut ui = Simulator::with_settings(app::settings(), t.view());
    assert!(
        ui.find("R000100").is_ok(),
        "la dernière ligne est construite"
    );
    drop(ui);
    // Maj+Début sélectionne tout depuis la dernière ligne.
    key(&mut t, Move::Home, true);
    assert_eq!(t.selection().len(), 100);
    assert_eq!(t.scroll_offset(), 0.0);
    key(&mut t, Move::PageUp, false);
    assert_eq!(chosen(&t), ["R000001"]);
}

#[test]
fn arrows_follow_the_filter_and_the_sort() {
    use table::Move;
    let mut t = big_table(30);
    t.update(table::Message::Filter("R00002".into()));
    // R000020 à R000029, triés à l'envers.
    t.update(table::Message::Sort(Column::Reference));
    key(&mut t, Move::Home, false);
    assert_eq!(current(&t).as_deref(), Some("R000029"));
    key(&mut t, Move::Down, false);
    assert_eq!(current(&t).as_deref(), Some("R000028"));
    key(&mut t, Move::End, false);
    assert_eq!(current(&t).as_deref(), Some("R000020"));
    key(&mut t, Move::Down, false);
    assert_eq!(
        current(&t).as_deref(),
        Some("R000020"),
        "reste sur la dernière"
    );
    // Entrée n'ouvre pas une ligne que le filtre cache.
    t.update(table::Message::Filter("R00001".into()));
    assert_eq!(t.update(table::Message::OpenCurrent), None);
    // Liste vide : rien ne bouge.
    t.update(table::Message::Filter("aucune".into()));
    assert_eq!(t.update(table::Message::Move(Move::Down, false)), None);
}

#[test]
fn a_keyboard_move_asks_iced_to_scroll_the_rows() {
    use table::Move;
    let mut t = big_table(200);
    t.update(table::Message::Scrolled {
        offset: 0.0,
        height: 10.0 * ROW_HEIGHT,
    });
    key(&mut t, Move::Down, false);
    // La ligne est visible : pas de défilement.
    assert!(iced_test::runtime::task::into_stream(t.take_scroll::<()>()).is_none());
    key(&mut t, Move::End, false);
    let actions: Vec<_> = iced::futures::executor::block_on(
        iced_test::runtime::task::into_stream(t.take_scroll::<()>())
            .expect("défilement demandé")
            .collect(),
    );
    assert!(
        actions
            .iter()
            .any(|a| matches!(a, iced_test::runtime::Action::Widget(_))),
        "une opération sur la zone défilante"
    );
    // Demandé une seule fois.
    assert!(iced_test::runtime::task::into_stream(t.take_scroll::<()>()).is_none());
}

#[test]
fn arrow_keys_become_moves_unless_a_text_field_took_them() {
    use iced::keyboard::{key::Named, Key, Modifiers};
    use table::Move;
    let press = |named: Named, modifiers: Modifiers| key_press(Key::Named(named), modifiers);
    let id = iced::window::Id::unique();
    let ignored = iced::event::Status::Ignored;
    let moved = |m: Option<Message>| match m {
        Some(Message::Shortcut(Shortcut::Move(step, extend))) => Some((step, extend)),
        _ => None,
    };
    let none = Modifiers::default();
    for (named, step) in [
        (Named::ArrowUp, Move::Up),
        (Named::ArrowDown, Move::Down),
        (Named::PageUp, Move::PageUp),
        (Named::PageDown, Move::PageDown),
        (Named::Home, Move::Home),
        (Named::End, Move::End),
    ] {
        assert_eq!(
            moved(app::keyboard_message(press(named, none), ignored, id)),
            Some((step, false))
        );
        assert_eq!(
            moved(app::keyboard_message(
                press(named, Modifiers::SHIFT),
                ignored,
                id
            )),
            Some((step, true))
        );
    }
    // Début et Fin dans une zone de saisie déplacent le curseur du texte.
    let captured = iced::event::Status::Captured;
    assert_eq!(
        moved(app::keyboard_message(
            press(Named::Home, none),
            captured,
            id
        )),
        None
    );
}

#[test]
fn arrows_then_enter_open_the_selected_row_and_a_form_keeps_its_arrows() {
    use table::Move;
    let mut app = app();
    // B01, B02, B10 : deux flèches vers le bas puis Entrée ouvrent B02.
    send(
        &mut app,
        Message::Shortcut(Shortcut::Move(Move::Down, false)),
    );
    assert_eq!(app.selection(), Some("B01"));
    send(
        &mut app,
        Message::Shortcut(Shortcut::Move(Move::Down, false)),
    );
    assert_eq!(app.selection(), Some("B02"));
    send(&mut app, Message::Shortcut(Shortcut::Enter));
    assert_eq!(
        app.buildings().form().and_then(|f| f.reference()),
        Some("B02")
    );
    // Fiche ouverte : les flèches restent à ses zones de saisie, la liste ne bouge pas.
    send(
        &mut app,
        Message::Shortcut(Shortcut::Move(Move::End, false)),
    );
    assert_eq!(app.selection(), Some("B02"));
    send(&mut app, Message::Shortcut(Shortcut::Escape));
    send(
        &mut app,
        Message::Shortcut(Shortcut::Move(Move::End, false)),
    );
    assert_eq!(app.selection(), Some("B10"));
    // Maj+Début : les trois lignes.
    send(
        &mut app,
        Message::Shortcut(Shortcut::Move(Move::Home, true)),
    );
    assert_eq!(app.buildings().table().selection().len(), 3);
}

// ---------------------------------------------------------------------------------
// Avis et Écritures à l'échelle : la fenêtre ne lit que la période choisie.
// ---------------------------------------------------------------------------------

/// Démonstration avec ses douze mois d'avis et de règlements (2026).
fn demo_history() -> (Store, Session) {
    let mut store = Store::open_in_memory().expect("base en mémoire");
    let session = create_demo_with(&mut store, "test", true).expect("démonstration");
    (store, session)
}

#[test]
fn the_notices_window_reads_only_the_documents_of_its_period() {
    let (store, session) = demo_history();
    let repo = store.read(&session);
    let all = repo
        .documents(&abri::store::DocumentFilter::default())
        .expect("tous les documents");
    let (from, to) = (date(2026, 5, 1), date(2026, 5, 31));
    let (loaded, truncated) = notices::load(&repo, Some(from), Some(to)).expect("mai");
    assert!(!truncated);
    // Exactement les documents dont la période (ou la date) touche mai, sans lignes.
    let expected: Vec<&str> = all
        .iter()
        .filter(|d| {
            d.period_end.unwrap_or(d.value_date) >= from
                && d.period_start.unwrap_or(d.value_date) <= to
        })
        .map(|d| d.number.as_str())
        .collect();
    let got: Vec<&str> = loaded.iter().map(|d| d.number.as_str()).collect();
    assert_eq!(got, expected);
    assert!(
        !got.is_empty() && got.len() < all.len() / 6,
        "{} sur {}",
        got.len(),
        all.len()
    );
    assert!(loaded.iter().all(|d| d.lines.is_empty()));
    // Un document ouvert est relu avec ses lignes, par son numéro.
    let one = repo.document(got[0]).expect("lecture").expect("document");
    assert!(!one.lines.is_empty());
    assert_eq!(Some(&one), all.iter().find(|d| d.number == got[0]));
    // La fenêtre elle-même, ouverte : le mois du jour par défaut, puis la période du volet.
    let mut app = App::load_at(
        store,
        session,
        PathBuf::from("/tmp/h.sqlite"),
        date(2026, 5, 20),
    )
    .expect("application");
    send(&mut app, Message::Open(Window::Notices));
    assert_eq!(app.notices().total(), expected.len());
    assert_eq!(
        app.notices().table().count_label(),
        format!("{n} / {n} documents", n = expected.len())
    );
    send(
        &mut app,
        Message::Notices(notices::Message::List(TableMessage::PaneTo(
            2,
            "30/06/2026".into(),
        ))),
    );
    assert!(app.notices().total() > expected.len());
    // Le document ouvert depuis la liste a ses lignes.
    send(&mut app, Message::Open(Window::Notices));
    send(
        &mut app,
        Message::Shortcut(Shortcut::Move(table::Move::Home, false)),
    );
    send(&mut app, Message::Shortcut(Shortcut::Enter));
    let opened = app.notices().opened().expect("document ouvert");
    assert!(!opened.doc.lines.is_empty());
    // Un document hors de la période s'ouvre par son numéro (captures : ABRI_OUVRIR).
    send(&mut app, Message::Notices(notices::Message::Back));
    let january = all
        .iter()
        .find(|d| d.value_date < date(2026, 2, 1))
        .expect("un document de janvier");
    app.open_record(&january.number, None);
    let opened = app.notices().opened().expect("document de janvier ouvert");
    assert_eq!(opened.doc.number, january.number);
    assert!(!opened.tenant.is_empty());
}

#[test]
fn the_vouchers_window_reads_only_the_vouchers_of_its_period_journal_and_tiers() {
    use abri::store::VoucherFilter;
    let (store, session) = demo_history();
    let repo = store.read(&session);
    // Référence : les pièces calculées écriture par écriture sur tout le grand livre.
    let mut every: Vec<vouchers::VoucherSummary> = Vec::new();
    let mut tiers_of: std::collections::HashMap<String, Vec<String>> = Default::default();
    repo.each_ledger_line(None, |l| {
        if let Some(t) = &l.tiers {
            tiers_of
                .entry(l.number.clone())
                .or_default()
                .push(t.clone());
        }
        match every.last_mut() {
            Some(v) if v.number == l.number => {
                v.amount += l.debit;
                v.lines += 1;
            }
            _ => every.push(vouchers::VoucherSummary {
                number: l.number.clone(),
                journal: l.journal.clone(),
                value_date: l.value_date,
                label: l.label.clone(),
                template: l.template.clone().unwrap_or_default(),
                tiers: l.voucher_tiers.clone().unwrap_or_default(),
                amount: l.debit,
                lines: 1,
            }),
        }
        Ok::<(), abri::store::StoreError>(())
    })
    .expect("grand livre");
    let (from, to) = (date(2026, 6, 1), date(2026, 6, 30));
    let in_june = |v: &&vouchers::VoucherSummary| v.value_date >= from && v.value_date <= to;
    let june = VoucherFilter {
        from: Some(from),
        to: Some(to),
        ..VoucherFilter::default()
    };
    let (loaded, truncated) = vouchers::load(&repo, june.clone()).expect("juin");
    assert!(!truncated);
    let expected: Vec<vouchers::VoucherSummary> = every.iter().filter(in_june).cloned().collect();
    assert_eq!(loaded, expected);
    assert!(!loaded.is_empty() && loaded.len() < every.len() / 4);
    // Journal : la requête ne garde que ses pièces.
    let journal = loaded[0].journal.clone();
    let (by_journal, _) = vouchers::load(
        &repo,
        VoucherFilter {
            journal: Some(journal.clone()),
            ..june.clone()
        },
    )
    .expect("journal");
    let expected_journal: Vec<_> = expected
        .iter()
        .filter(|v| v.journal == journal)
        .cloned()
        .collect();
    assert_eq!(by_journal, expected_journal);
    // Tiers : les pièces dont une écriture porte sur lui.
    let tiers = tiers_of
        .get(&loaded[0].number)
        .and_then(|t| t.first())
        .expect("une écriture avec tiers")
        .clone();
    let (by_tiers, _) = vouchers::load(
        &repo,
        VoucherFilter {
            tiers: Some(tiers.clone()),
            ..june
        },
    )
    .expect("tiers");
    let expected_tiers: Vec<_> = expected
        .iter()
        .filter(|v| tiers_of.get(&v.number).is_some_and(|t| t.contains(&tiers)))
        .cloned()
        .collect();
    assert_eq!(by_tiers, expected_tiers);
    assert!(!by_tiers.is_empty());
    // La fenêtre, ouverte : le mois du jour par défaut, puis le tiers cherché dans le volet.
    let mut app = App::load_at(
        store,
        session,
        PathBuf::from("/tmp/h.sqlite"),
        date(2026, 6, 15),
    )
    .expect("application");
    send(&mut app, Message::Open(Window::Vouchers));
    assert_eq!(app.vouchers().total(), expected.len());
    use abri::gui::widget::picker::Message as P;
    let pick = |m| Message::Vouchers(vouchers::Message::Tiers(m));
    send(&mut app, pick(P::Query(tiers.to_lowercase())));
    assert_eq!(app.vouchers().total(), expected_tiers.len());
    send(&mut app, Message::Open(Window::Vouchers));
    {
        let mut ui = ui(&app);
        let count = format!("{n} / {n} pièces", n = expected_tiers.len());
        assert!(ui.find(count.as_str()).is_ok());
    }
    send(&mut app, pick(P::Clear));
    assert_eq!(app.vouchers().total(), expected.len());
}

// ---------------------------------------------------------------------------------
// Recherche d'une location dans les boîtes de traitement.
// ---------------------------------------------------------------------------------

#[test]
fn the_picker_shows_at_most_fifty_matches_among_ten_thousand() {
    use abri::gui::widget::picker::{self, Picker, MAX_MATCHES};
    let items: Vec<(String, String)> = (1..=10_000)
        .map(|i| {
            let name = if i % 1000 == 7 {
                "Hélène Durand"
            } else {
                "Marc Petit"
            };
            (format!("L{i:05}"), format!("{name} (T{i:05}), lot U{i:05}"))
        })
        .collect();
    let mut p = Picker::new(items, "", "rechercher", "recherche");
    assert_eq!(p.chosen(), None);
    // Sans casse ni accents, tous les mots : 10 « Hélène Durand ».
    assert_eq!(p.update(picker::Message::Query("helene DUR".into())), None);
    assert_eq!(p.found(), 10);
    assert_eq!(p.matches()[0].key, "L00007");
    // « petit » : 9 990 fiches, 50 montrées.
    p.update(picker::Message::Query("petit".into()));
    assert_eq!(p.found(), 9_990);
    assert_eq!(p.matches().len(), MAX_MATCHES);
    // Par le lot, puis Entrée choisit la première.
    p.update(picker::Message::Query("u09007".into()));
    assert_eq!(p.found(), 1);
    assert_eq!(p.update(picker::Message::Submit).as_deref(), Some("L09007"));
    assert_eq!(p.query(), "", "zone vidée pour la recherche suivante");
    assert!(p.matches().is_empty(), "liste refermée après le choix");
    // Taper exactement une référence la choisit ; une recherche sans choix le garde.
    assert_eq!(
        p.update(picker::Message::Query("l00042".into())).as_deref(),
        Some("L00042")
    );
    assert_eq!(p.update(picker::Message::Query("l0004".into())), None);
    assert_eq!(p.chosen(), Some("L00042"));
    // Retirer le choix (zone facultative).
    assert_eq!(p.update(picker::Message::Clear).as_deref(), Some(""));
    assert_eq!(p.chosen(), None);
    // La vue reste courte : 50 lignes au plus.
    p.update(picker::Message::Query("petit".into()));
    let view: abri::gui::widget::Element<'_, picker::Message> = p.view(false, |m| m);
    let mut ui = Simulator::with_settings(app::settings(), view);
    assert!(ui.find("L00001 — Marc Petit (T00001), lot U00001").is_ok());
    assert!(ui.find("L00052 — Marc Petit (T00052), lot U00052").is_err());
    assert!(ui
        .find("9990 fiches trouvées, les 50 premières montrées : précisez la recherche.")
        .is_ok());
}

#[test]
fn the_lease_of_a_one_off_dialog_is_found_by_typing() {
    let mut app = demo_app();
    send(&mut app, Message::Open(Window::Leases));
    send(
        &mut app,
        Message::Leases(leases::Message::OneOff(DocumentKind::Invoice)),
    );
    // Pas de ligne choisie : la première location ; on en cherche une autre en tapant
    // le nom de son locataire dans la vraie zone.
    let tenant_name = {
        let data = app.data();
        let lease = data
            .leases
            .iter()
            .find(|l| l.reference == "BAIL004")
            .expect("BAIL004");
        data.party_name(&lease.tenant)
    };
    let surname = tenant_name
        .split_whitespace()
        .last()
        .expect("nom du locataire")
        .to_string();
    type_into(&mut app, one_off::LEASE_PICKER_ID, &surname);
    let (_, d) = app.leases().one_off().expect("boîte");
    let found: Vec<String> = d.picker.matches().iter().map(|i| i.key.clone()).collect();
    assert!(found.contains(&"BAIL004".to_string()), "{found:?}");
    assert!(found.len() <= 50);
    // Un clic sur la location proposée la choisit : son locataire s'affiche.
    let shown = d
        .picker
        .matches()
        .iter()
        .find(|i| i.key == "BAIL004")
        .map(|i| i.display())
        .expect("BAIL004 proposée");
    click_text(&mut app, &shown);
    let (_, d) = app.leases().one_off().expect("boîte");
    assert_eq!(d.lease, "BAIL004");
    assert!(d.tenant.contains(&tenant_name), "{}", d.tenant);
    {
        let mut ui = ui(&app);
        assert!(ui.find(format!("Choisi : {shown}").as_str()).is_ok());
    }
    // Une recherche sans résultat le dit, et garde la location choisie.
    send(
        &mut app,
        dialog(one_off::Message::Lease(
            abri::gui::widget::picker::Message::Query("zzz".into()),
        )),
    );
    let (_, d) = app.leases().one_off().expect("boîte");
    assert_eq!(d.lease, "BAIL004");
    let mut ui = ui(&app);
    assert!(ui.find("Aucune fiche ne correspond.").is_ok());
}

// ---------------------------------------------------------------------------------
// Boîte « Enregistrer sous » du système : le chemin choisi revient par le message.
// ---------------------------------------------------------------------------------

#[test]
fn the_file_chosen_in_the_system_dialog_receives_the_export() {
    use abri::gui::widget::browse::Slot;
    use abri::gui::widget::save;
    let mut app = app();
    let export = |m: save::Message| Message::Buildings(list(TableMessage::Export(m)));
    send(
        &mut app,
        export(save::Message::Open(PathBuf::from("/tmp/x.csv"))),
    );
    {
        let mut ui = ui(&app);
        assert!(ui.find("Parcourir…").is_ok());
    }
    // La boîte s'est fermée sur un fichier : l'application renvoie le message, la Slot
    // remplie, et la liste s'y écrit.
    let dir = tempfile::tempdir().expect("dossier temporaire");
    let chosen = dir.path().join("immeubles.csv");
    let slot = Slot::default();
    slot.fill(Some(chosen.clone()));
    send(&mut app, export(save::Message::Browse(slot)));
    let written = std::fs::read_to_string(&chosen).expect("fichier écrit");
    assert!(written.contains("B10"), "{written}");
    assert!(!app.buildings().table().export_box().is_open());
}

// ---------------------------------------------------------------------------------
// Champs de recherche des formulaires et de la situation (10 000 fiches).
// ---------------------------------------------------------------------------------

/// Clique dans la vue réelle le texte `shown` et renvoie les messages à l'application.
fn click_text(app: &mut App, shown: &str) {
    let messages = {
        let mut ui = ui(app);
        ui.click(shown).expect("texte à cliquer");
        ui.into_messages().collect::<Vec<_>>()
    };
    for message in messages {
        send(app, message);
    }
}

/// Clique dans la zone `id` de la vue réelle, y tape `typed` et renvoie les messages à
/// l'application.
fn type_into(app: &mut App, id: &'static str, typed: &str) {
    let messages = {
        let mut ui = ui(app);
        ui.click(widget::Id::new(id)).expect("zone de recherche");
        let _ = ui.typewrite(typed);
        ui.into_messages().collect::<Vec<_>>()
    };
    for message in messages {
        send(app, message);
    }
}

/// Nom d'un tiers par sa référence.
fn party_name(app: &App, reference: &str) -> String {
    let name = app.data().party_name(reference);
    assert!(!name.is_empty(), "tiers {reference}");
    name
}

#[test]
fn a_tiers_of_a_voucher_is_chosen_by_typing_part_of_its_name() {
    let mut app = demo_app();
    send(&mut app, Message::Open(Window::Vouchers));
    send(&mut app, Message::Shortcut(Shortcut::New));
    // En-tête : une partie du nom du locataire, en minuscules.
    let name = party_name(&app, "LOC011");
    let part = name.split_whitespace().last().expect("nom").to_lowercase();
    send(&mut app, v(input("tiers", &part)));
    let form = app.vouchers().form().expect("pièce");
    assert_eq!(form.text("tiers"), part, "le texte tapé reste dans la zone");
    let proposals = form.proposals("tiers");
    assert!(!proposals.is_empty() && proposals.len() <= 50);
    let shown = proposals
        .iter()
        .find(|i| i.key == "LOC011")
        .map(|i| i.display())
        .expect("LOC011 proposé");
    click_text(&mut app, &shown);
    let form = app.vouchers().form().expect("pièce");
    assert_eq!(form.text("tiers"), "LOC011");
    assert!(form.proposals("tiers").is_empty(), "liste refermée");
    {
        let mut ui = ui(&app);
        assert!(ui.find(name.as_str()).is_ok(), "le nom sous la zone");
    }
    // Ligne d'écriture : le nom entier d'un fournisseur, puis Entrée.
    let supplier = app
        .data()
        .third_parties
        .iter()
        .find(|p| p.kind == abri::model::ThirdPartyKind::Supplier)
        .expect("un fournisseur")
        .clone();
    send(&mut app, v(form::Message::Detail(0, DetailMessage::Add)));
    send(
        &mut app,
        v(form::Message::Detail(
            0,
            DetailMessage::Input(0, "tiers", supplier.name.to_uppercase()),
        )),
    );
    {
        let mut ui = ui(&app);
        let line = format!("{} — {}", supplier.reference, supplier.name);
        assert!(ui.find(line.as_str()).is_ok(), "proposé sous la ligne");
    }
    send(
        &mut app,
        v(form::Message::Detail(0, DetailMessage::Submit(0, "tiers"))),
    );
    let form = app.vouchers().form().expect("pièce");
    assert_eq!(form.details[0].text(0, "tiers"), supplier.reference);
    // Une référence inconnue reste telle quelle après le refus, sous son champ.
    send(&mut app, v(input("location", "BAIL-ZZZ")));
    send(&mut app, Message::Shortcut(Shortcut::Save));
    let form = app.vouchers().form().expect("pièce");
    assert_eq!(form.text("location"), "BAIL-ZZZ");
    assert_eq!(form.text("tiers"), "LOC011");
}

#[test]
fn the_tenant_of_the_situation_is_chosen_by_typing() {
    let mut app = demo_app();
    send(&mut app, Message::Open(Window::Situation));
    let name = party_name(&app, "LOC011");
    let surname = name.split_whitespace().last().expect("nom").to_string();
    type_into(&mut app, situation::TENANT_PICKER_ID, &surname);
    let shown = app
        .situation()
        .picker()
        .matches()
        .iter()
        .find(|i| i.key == "LOC011")
        .map(|i| i.display())
        .expect("LOC011 proposé");
    click_text(&mut app, &shown);
    assert_eq!(app.situation().tenant(), Some("LOC011"));
    assert_eq!(closing_of(&app), Money::new(8615, 2));
}

#[test]
fn a_search_field_of_a_form_shows_at_most_fifty_of_ten_thousand() {
    use abri::gui::widget::picker::{Choices, MAX_MATCHES};
    let items: Vec<(String, String)> = (1..=10_000)
        .map(|i| (format!("L{i:05}"), format!("Marc Petit {i}")))
        .collect();
    let mut f = form::Form::new(
        "Pièce",
        vec!["Pièce"],
        vec![form::Field::search("tiers", "Tiers", Choices::shared(items)).required()],
    );
    f.update(input("tiers", "petit"));
    assert_eq!(f.proposals("tiers").len(), MAX_MATCHES);
    {
        let view: abri::gui::widget::Element<'_, form::Message> = f.view(|m| m, None, Vec::new());
        let mut ui = Simulator::with_settings(app::settings(), view);
        assert!(ui.find("L00001 — Marc Petit 1").is_ok());
        assert!(ui.find("L00050 — Marc Petit 50").is_ok());
        assert!(
            ui.find("L00051 — Marc Petit 51").is_err(),
            "50 lignes au plus"
        );
        assert!(ui
            .find("10000 fiches trouvées, les 50 premières montrées : précisez la recherche.")
            .is_ok());
    }
    // Entrée : la première ; une référence tapée sans casse est reprise telle quelle.
    f.update(form::Message::Submit("tiers"));
    assert_eq!(f.text("tiers"), "L00001");
    f.update(input("tiers", "l09999"));
    assert_eq!(f.text("tiers"), "L09999");
    assert!(f.proposals("tiers").is_empty());
    // Échap ferme la liste sans quitter la fiche.
    f.update(input("tiers", "petit 12"));
    assert!(!f.proposals("tiers").is_empty());
    assert_eq!(f.update(form::Message::Close), None);
    assert!(f.proposals("tiers").is_empty());
    assert_eq!(f.pending(), None);
}

#[test]
fn a_third_party_created_meanwhile_is_found_in_the_vouchers_window() {
    let mut app = demo_app();
    // Une pièce en cours de saisie, ouverte avant la création du tiers.
    send(&mut app, Message::Open(Window::Vouchers));
    send(&mut app, Message::Shortcut(Shortcut::New));
    send(&mut app, v(input("libelle", "Réparation")));
    // Le tiers, créé dans la fenêtre Tiers.
    send(&mut app, Message::Open(Window::ThirdParties));
    send(&mut app, Message::ThirdParties(records::Message::New));
    let t = |m| Message::ThirdParties(records::Message::Form(m));
    send(&mut app, t(input("reference", "FPLOMB")));
    send(&mut app, t(input("nom", "Plomberie Zéphyr")));
    send(&mut app, Message::Shortcut(Shortcut::Save));
    assert!(app
        .data()
        .third_parties
        .iter()
        .any(|p| p.reference == "FPLOMB"));
    // Proposé sur une ligne de la pièce restée ouverte (rien de tapé n'est perdu)…
    send(&mut app, Message::Open(Window::Vouchers));
    let form = app.vouchers().form().expect("pièce gardée");
    assert_eq!(form.text("libelle"), "Réparation");
    send(&mut app, v(form::Message::Detail(0, DetailMessage::Add)));
    send(
        &mut app,
        v(form::Message::Detail(
            0,
            DetailMessage::Input(0, "tiers", "zephyr".into()),
        )),
    );
    {
        let mut ui = ui(&app);
        assert!(ui.find("FPLOMB — Plomberie Zéphyr").is_ok());
    }
    // … et dans la recherche du tiers du volet, sans redémarrer.
    send(&mut app, v(form::Message::Close));
    send(&mut app, v(form::Message::Close));
    send(&mut app, v(form::Message::Confirm));
    assert!(app.vouchers().form().is_none());
    use abri::gui::widget::picker::Message as P;
    send(
        &mut app,
        Message::Vouchers(vouchers::Message::Tiers(P::Query("plomberie zeph".into()))),
    );
    let found: Vec<String> = app
        .vouchers()
        .tiers()
        .matches()
        .iter()
        .map(|i| i.key.clone())
        .collect();
    assert_eq!(found, ["FPLOMB"]);
    send(
        &mut app,
        Message::Vouchers(vouchers::Message::Tiers(P::Submit)),
    );
    assert_eq!(app.vouchers().tiers().chosen(), Some("FPLOMB"));
}
