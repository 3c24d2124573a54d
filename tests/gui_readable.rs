//! Fenêtres lisibles (issue 19) : aucun titre de colonne coupé à la taille d'ouverture
//! de la fenêtre, mesuré avec les polices embarquées comme le fait la liste.

mod common;

use common::gui::{send, ui};
use std::path::PathBuf;

use chrono::NaiveDate;

use abri::gui::app::{App, Message, Window};
use abri::gui::screen::{balance, debits};
use abri::gui::text as wording;
use abri::gui::theme;
use abri::gui::widget::measure;
use abri::gui::widget::table::HeaderFit;
use abri::store::Store;
use abri::treatments::demo::create_demo_with;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 26).expect("date de test valide")
}

/// L'application sur la démonstration complète (fiches, un an d'avis et de règlements).
fn full_demo_app() -> App {
    let mut store = Store::open_in_memory().expect("base en mémoire");
    let session = create_demo_with(&mut store, "test", true).expect("démonstration");
    App::load_at(store, session, PathBuf::from("/tmp/demo.sqlite"), today())
        .expect("chargement de l'application")
}

/// Les titres trop larges pour leur colonne, avec ce qu'il leur faut et ce qu'ils ont.
fn cut(window: &str, fits: Vec<HeaderFit>) -> Vec<String> {
    assert!(!fits.is_empty(), "{window} : aucune colonne");
    fits.into_iter()
        .filter(|f| f.needed > f.width + 0.01)
        .map(|f| {
            format!(
                "{window} « {} » : {:.2} > {:.2}",
                f.title, f.needed, f.width
            )
        })
        .collect()
}

#[test]
fn every_header_fits_its_column_at_the_default_window_size() {
    let mut app = full_demo_app();
    let width = theme::LIST_WIDTH;
    let mut problems = Vec::new();
    for window in Window::all() {
        send(&mut app, Message::Open(window));
        let fits = match window {
            Window::Buildings => app.buildings().table().header_fits(width),
            Window::Units => app.units().table().header_fits(width),
            Window::Tenants => app.tenants().table().header_fits(width),
            Window::ThirdParties => app.third_parties().table().header_fits(width),
            Window::Leases => app.leases().table().header_fits(width),
            Window::Notices => app.notices().table().header_fits(width),
            Window::Situation => app.situation().table().header_fits(width),
            Window::Vouchers => app.vouchers().table().header_fits(width),
            Window::Balance => app.balance().table().header_fits(width),
            Window::Catalogue(which) => app.catalogues().header_fits(which, width),
            Window::Payments => app.payments().booked().table().header_fits(width),
            Window::Unpaid => app.unpaid().table().header_fits(width),
            Window::Benefits => app.benefits().table().header_fits(width),
            // La liste des prélèvements de la période proposée (décembre 2026).
            Window::Debits => {
                send(&mut app, Message::Debits(debits::Message::Show));
                assert!(app.debits().total() > 0, "liste des prélèvements vide");
                app.debits().table().header_fits(width)
            }
            Window::DebitRejects => app.debit_rejects().table().header_fits(width),
            Window::Database => continue,
        };
        problems.extend(cut(window.slug(), fits));
    }
    // La balance auxiliaire a une colonne de plus (le tiers).
    send(
        &mut app,
        Message::Balance(balance::Message::Presentation(wording::BALANCE_BY_PARTY)),
    );
    problems.extend(cut(
        "balance auxiliaire",
        app.balance().table().header_fits(width),
    ));
    assert!(
        problems.is_empty(),
        "titres coupés :\n{}",
        problems.join("\n")
    );
}

#[test]
fn balance_amounts_are_never_cut() {
    let mut app = full_demo_app();
    send(&mut app, Message::Open(Window::Balance));
    let fits = app.balance().table().header_fits(theme::LIST_WIDTH);
    // Colonnes : compte, intitulé, puis les six montants, chacun au moins aussi large que
    // son total (en gras, le plus large de la colonne).
    for (fit, total) in fits[2..8].iter().zip(app.balance().totals()) {
        let shown = abri::model::money::format_money(total);
        let needed = measure::text_width(&shown, theme::TEXT_BODY, true) + 2.0 * theme::SPACE_S;
        assert!(fit.width >= needed, "{fit:?} : {shown} demande {needed}");
    }
}

#[test]
fn a_too_long_text_is_shortened_with_an_ellipsis() {
    let short = measure::ellipsize("Loc. Épargnes volontaires", 90.0, theme::TEXT_BODY, false)
        .expect("raccourci");
    assert!(short.ends_with('…'), "{short}");
    assert!(measure::text_width(&short, theme::TEXT_BODY, false) <= 90.0);
}

#[test]
fn a_reference_that_names_no_record_is_an_error_under_its_field() {
    use abri::gui::screen::records;
    use abri::gui::screen::Shortcut;
    use abri::gui::widget::form;
    let unit = |key: &'static str, value: &str| {
        Message::Units(records::Message::Form(form::Message::Input(
            key,
            value.to_string(),
        )))
    };
    let mut app = full_demo_app();
    send(&mut app, Message::Open(Window::Units));
    send(&mut app, Message::Shortcut(Shortcut::New));
    send(&mut app, unit("immeuble", "XYZ"));
    send(&mut app, Message::Shortcut(Shortcut::Save));
    let form = app.units().form().expect("fiche toujours ouverte");
    assert!(form.is_new(), "rien n'est enregistré");
    assert_eq!(form.error("immeuble"), Some("immeuble « XYZ » introuvable"));
    assert_eq!(form.text("immeuble"), "XYZ", "le texte tapé reste");
    let mut ui =
        iced_test::simulator::Simulator::with_settings(abri::gui::app::settings(), app.view());
    assert!(ui.find("immeuble « XYZ » introuvable").is_ok());
    drop(ui);
    // Une référence tapée sans casse se retrouve : plus d'erreur sur ce champ.
    send(&mut app, unit("immeuble", "imm01"));
    send(&mut app, Message::Shortcut(Shortcut::Save));
    let form = app.units().form().expect("fiche");
    assert_eq!(form.error("immeuble"), None);
}

#[test]
fn a_new_record_gets_the_next_free_reference_which_the_user_can_change() {
    use abri::gui::screen::records;
    use abri::gui::screen::Shortcut;
    use abri::gui::widget::form;
    let mut app = full_demo_app();
    let proposed = |app: &App, window: Window| {
        let form = match window {
            Window::Buildings => app.buildings().form(),
            Window::Units => app.units().form(),
            Window::Tenants => app.tenants().form(),
            Window::Leases => app.leases().form(),
            _ => None,
        };
        form.map(|f| f.text("reference").to_string())
    };
    for (window, expected) in [
        (Window::Buildings, "IMM06"),
        (Window::Tenants, "LOC029"),
        (Window::Leases, "BAIL029"),
    ] {
        send(&mut app, Message::Open(window));
        send(&mut app, Message::Shortcut(Shortcut::New));
        assert_eq!(
            proposed(&app, window).as_deref(),
            Some(expected),
            "{window:?}"
        );
    }
    // Le lot : dès que l'immeuble est choisi ; la référence reste modifiable.
    let unit = |key: &'static str, value: &str| {
        Message::Units(records::Message::Form(form::Message::Input(
            key,
            value.to_string(),
        )))
    };
    send(&mut app, Message::Open(Window::Units));
    send(&mut app, Message::Shortcut(Shortcut::New));
    assert_eq!(proposed(&app, Window::Units).as_deref(), Some(""));
    send(&mut app, unit("immeuble", "IMM02"));
    assert_eq!(proposed(&app, Window::Units).as_deref(), Some("IMM02-11"));
    send(&mut app, unit("reference", "IMM02-A"));
    send(&mut app, unit("immeuble", "IMM01"));
    assert_eq!(proposed(&app, Window::Units).as_deref(), Some("IMM02-A"));
}

#[test]
fn print_shows_a_preview_of_the_first_page_then_sends_to_the_printer() {
    use abri::gui::screen::notices;
    use abri::gui::widget::treatment;
    let n = |m: notices::Message| Message::Notices(m);
    let mut app = full_demo_app();
    send(&mut app, Message::Open(Window::Notices));
    let first = app.notices().table().visible_rows()[0].doc.number.clone();
    let dir = tempfile::tempdir().expect("dossier");
    let path = dir.path().join("avis.pdf");
    send(&mut app, n(notices::Message::Print));
    send(
        &mut app,
        n(notices::Message::PrintPath(path.display().to_string())),
    );
    // « Enregistrer en PDF » reste : le fichier est écrit d'abord.
    send(
        &mut app,
        n(notices::Message::Treatment(treatment::Message::Run)),
    );
    assert!(std::fs::read(&path).is_ok_and(|b| b.starts_with(b"%PDF")));
    {
        let mut ui = ui(&app);
        assert!(ui.find(wording::PRINT_TO_PRINTER).is_ok());
    }
    send(&mut app, n(notices::Message::PrintPreview(true)));
    {
        let mut ui = ui(&app);
        assert!(ui.find(wording::PREVIEW_TITLE).is_ok());
        assert!(ui.find(wording::SEND_TO_PRINTER).is_ok());
        assert!(ui.find(first.as_str()).is_ok() || ui.find(wording::RECIPIENT).is_ok());
    }
    // Sans la commande lp (machines de test), le message le dit et rien ne plante.
    let lp_missing = std::env::var_os("PATH")
        .is_none_or(|paths| !std::env::split_paths(&paths).any(|dir| dir.join("lp").is_file()));
    if lp_missing {
        send(&mut app, n(notices::Message::SendToPrinter));
        let mut ui = ui(&app);
        assert!(ui
            .find("aucune imprimante : la commande lp est introuvable ; enregistrez en PDF")
            .is_ok());
    }
}

#[test]
fn lease_items_tab_shows_every_header_and_item_label_whole() {
    use abri::gui::screen::leases::{BILLING, OTHER};
    use abri::gui::widget::form::{self, DetailMessage};
    let mut app = full_demo_app();
    send(&mut app, Message::Open(Window::Leases));
    let references: Vec<String> = app
        .leases()
        .table()
        .visible_rows()
        .iter()
        .map(|l| l.reference.clone())
        .collect();
    assert!(!references.is_empty());
    let mut problems = Vec::new();
    let mut labels = std::collections::BTreeSet::new();
    for reference in &references {
        app.open_window(Window::Leases);
        app.open_record(reference, Some(abri::gui::screen::leases::TAB_ITEMS));
        let form = app.leases().form().expect("fiche de la location");
        for table in [BILLING, OTHER] {
            let detail = &form.details[table];
            for row in &detail.rows {
                if let Some(form::Value::Text(item)) = row.values.first() {
                    labels.insert(item.clone());
                }
            }
            let name = format!("{reference} {}", detail.title);
            problems.extend(cut(&name, detail.column_fits()));
        }
    }
    // Les rubriques de la démonstration, dont la plus longue, sont dans les fiches.
    assert!(labels.contains("Provision pour charges"), "{labels:?}");
    // Une ligne ajoutée (zones vides, liste des rubriques) tient aussi.
    let add = |table| {
        Message::Leases(abri::gui::screen::leases::Message::Form(
            form::Message::Detail(table, DetailMessage::Add),
        ))
    };
    send(&mut app, add(BILLING));
    send(&mut app, add(OTHER));
    let form = app.leases().form().expect("fiche");
    for table in [BILLING, OTHER] {
        let detail = &form.details[table];
        problems.extend(cut(
            &format!("ligne ajoutée {}", detail.title),
            detail.column_fits(),
        ));
    }
    assert!(problems.is_empty(), "coupé :\n{}", problems.join("\n"));
}
