//! Application graphique : la fenêtre « Immeubles » sur une base en mémoire de trois
//! immeubles, par son état (`update` puis accesseurs) et par le simulateur d'iced
//! (clics et frappe au clavier sur la vue réelle, sans écran).

use std::path::PathBuf;

use chrono::NaiveDate;
use iced::widget;
use iced_test::simulator::Simulator;

use abri::gui::app::{self, App, Message, Window};
use abri::gui::screen::buildings::{self, Buildings, Column};
use abri::gui::theme::ROW_HEIGHT;
use abri::gui::widget::table::{Message as TableMessage, Order};
use abri::model::Building;
use abri::store::{Session, Store};
use abri::treatments::demo::demo_landlord;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("date de test valide")
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

fn screen() -> Buildings {
    let (store, session) = store();
    Buildings::new(
        store
            .read(&session)
            .buildings()
            .expect("lecture des immeubles"),
    )
}

fn filter(text: &str) -> buildings::Message {
    TableMessage::Filter(text.to_string())
}

#[test]
fn starts_with_every_building_sorted_by_reference() {
    let screen = screen();
    assert_eq!(screen.visible_references(), ["B01", "B02", "B10"]);
    assert_eq!(screen.count_label(), "3 / 3 immeubles");
    assert_eq!(screen.sort(), Some((Column::Reference, Order::Ascending)));
}

#[test]
fn filter_keeps_matching_rows_ignoring_case() {
    let mut screen = screen();
    assert_eq!(screen.update(filter("lyon")), None);
    assert_eq!(screen.visible_references(), ["B01", "B02"]);
    assert_eq!(screen.count_label(), "2 / 3 immeubles");

    screen.update(filter("VILLEURBANNE"));
    assert_eq!(screen.visible_references(), ["B10"]);
    assert_eq!(screen.count_label(), "1 / 3 immeubles");

    // Sans accents non plus : « jaures » trouve « Jaurès », « republique » « République ».
    screen.update(filter("jaures"));
    assert_eq!(screen.visible_references(), ["B10"]);
    screen.update(filter("republique"));
    assert_eq!(screen.visible_references(), ["B02"]);

    // Le filtre porte aussi sur la date affichée.
    screen.update(filter("01/03/2021"));
    assert_eq!(screen.visible_references(), ["B01"]);

    screen.update(filter("paris"));
    assert!(screen.visible_references().is_empty());
    assert_eq!(screen.count_label(), "0 / 3 immeubles");

    screen.update(filter(""));
    assert_eq!(screen.visible_references(), ["B01", "B02", "B10"]);
}

#[test]
fn clicking_a_header_sorts_then_reverses() {
    let mut screen = screen();
    // Déjà trié par référence croissante : un clic inverse le sens.
    screen.update(TableMessage::Sort(Column::Reference));
    assert_eq!(screen.sort(), Some((Column::Reference, Order::Descending)));
    assert_eq!(screen.visible_references(), ["B10", "B02", "B01"]);

    // Une autre colonne : croissant d'abord, sur la date et non sur le texte jj/mm/aaaa.
    screen.update(TableMessage::Sort(Column::StartDate));
    assert_eq!(screen.visible_references(), ["B10", "B02", "B01"]); // 2018, 2020, 2021
    screen.update(TableMessage::Sort(Column::StartDate));
    assert_eq!(screen.visible_references(), ["B01", "B02", "B10"]);

    screen.update(TableMessage::Sort(Column::Address));
    // « 1 place… », « 3 rue… », « 8 avenue… »
    assert_eq!(screen.visible_references(), ["B01", "B02", "B10"]);
    screen.update(TableMessage::Sort(Column::Postcode));
    screen.update(TableMessage::Sort(Column::Postcode));
    assert_eq!(screen.visible_references()[0], "B10"); // 69100 en tête en décroissant
}

#[test]
fn sort_and_filter_combine() {
    let mut screen = screen();
    screen.update(TableMessage::Sort(Column::Reference));
    screen.update(filter("Lyon"));
    assert_eq!(screen.visible_references(), ["B02", "B01"]);
    let cities: Vec<&str> = screen
        .visible_rows()
        .iter()
        .map(|b| b.city.as_str())
        .collect();
    assert_eq!(cities, ["Lyon", "LYON"]);
}

#[test]
fn clicking_a_row_selects_the_building() {
    let mut screen = screen();
    // Indice 2 de la liste lue en base (triée par référence) : B10.
    assert_eq!(
        screen.update(TableMessage::Select(2)),
        Some(buildings::Event::Selected("B10".to_string()))
    );
    assert_eq!(screen.selected().map(|b| b.reference.as_str()), Some("B10"));
    // Un indice hors liste ne choisit rien.
    assert_eq!(screen.update(TableMessage::Select(9)), None);
}

fn app() -> App {
    let (store, session) = store();
    App::load(store, session, PathBuf::from("/tmp/essai.sqlite"))
        .expect("chargement de l'application")
}

fn ui(app: &App) -> Simulator<'_, Message> {
    Simulator::with_settings(app::settings(), app.view())
}

#[test]
fn window_shows_buildings_and_filters_as_the_user_types() {
    let mut app = app();
    assert_eq!(app.title(), "Abri — Association Toit Solidaire");
    assert_eq!(app.window(), Window::Buildings);

    let messages = {
        let mut ui = ui(&app);
        assert!(
            ui.find("Immeubles").is_ok(),
            "la fenêtre « Immeubles » doit être affichée"
        );
        assert!(ui.find("3 / 3 immeubles").is_ok());
        assert!(ui.find("Début de gestion").is_ok());
        assert!(
            ui.find("15/01/2020").is_ok(),
            "date de début de B02 au format jj/mm/aaaa"
        );
        assert!(ui.find("3 rue de la République").is_ok());
        assert!(ui
            .find("Bailleur : Association Toit Solidaire (DEMO)")
            .is_ok());
        assert!(ui.find("Base : /tmp/essai.sqlite").is_ok());

        ui.click(widget::Id::new(buildings::FILTER_ID))
            .expect("zone de filtre");
        let _ = ui.typewrite("villeur");
        ui.into_messages().collect::<Vec<_>>()
    };
    assert!(!messages.is_empty(), "la frappe doit produire des messages");
    for message in messages {
        let _ = app.update(message);
    }
    assert_eq!(app.buildings().visible_references(), ["B10"]);

    let mut ui = ui(&app);
    assert!(
        ui.find("1 / 3 immeubles").is_ok(),
        "le compte doit suivre le filtre"
    );
    assert!(ui.find("B10").is_ok());
    assert!(
        ui.find("B02").is_err(),
        "B02 (Lyon) ne passe pas le filtre « villeur »"
    );
}

#[test]
fn clicking_a_header_in_the_window_sorts() {
    let mut app = app();
    let messages = {
        let mut ui = ui(&app);
        ui.click("Référence").expect("en-tête Référence");
        ui.into_messages().collect::<Vec<_>>()
    };
    for message in messages {
        let _ = app.update(message);
    }
    assert_eq!(app.buildings().visible_references(), ["B10", "B02", "B01"]);
}

#[test]
fn sidebar_opens_the_other_lists() {
    let mut app = app();
    let messages = {
        let mut ui = ui(&app);
        ui.click("Locataires")
            .expect("entrée Locataires de la barre latérale");
        ui.into_messages().collect::<Vec<_>>()
    };
    for message in messages {
        let _ = app.update(message);
    }
    assert_eq!(app.window(), Window::Tenants);
    let mut ui = ui(&app);
    assert!(ui.find("0 / 0 locataires").is_ok());
    assert!(ui.find("Aucune fiche dans cette liste.").is_ok());
}

#[test]
fn only_the_rows_in_view_are_built() {
    // 2 000 immeubles : la vue n'en construit qu'une fenêtre, qui suit le défilement.
    let many: Vec<Building> = (1..=2000)
        .map(|i| {
            building(
                &format!("R{i:04}"),
                "1 rue Haute",
                "75001",
                "Paris",
                date(2020, 1, 1),
            )
        })
        .collect();
    let mut screen = Buildings::new(many);
    assert_eq!(screen.count_label(), "2000 / 2000 immeubles");
    {
        let mut ui = Simulator::with_settings(app::settings(), screen.view());
        assert!(ui.find("R0001").is_ok());
        assert!(
            ui.find("R2000").is_err(),
            "la dernière ligne ne doit pas être construite d'emblée"
        );
    }
    // Défilement jusqu'en bas : 2 000 lignes, zone visible de 600 px.
    screen.update(TableMessage::Scrolled {
        offset: 2000.0 * ROW_HEIGHT - 600.0,
        height: 600.0,
    });
    let mut ui = Simulator::with_settings(app::settings(), screen.view());
    assert!(ui.find("R2000").is_ok());
    assert!(ui.find("R0001").is_err());
}
