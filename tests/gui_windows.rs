//! Fenêtres Règlements (liste des règlements enregistrés), Impayés, liste des Locations et
//! onglet Avis de la location, conduites par leurs messages et lues par le simulateur
//! d'iced. Les chiffres attendus sont recalculés ici par le grand livre, pas recopiés
//! de la fenêtre.

mod common;

use common::gui::{send, ui};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use abri::gui::app::{App, Message, Window};
use abri::gui::screen::leases::{self, TAB_NOTICES};
use abri::gui::screen::payments;
use abri::gui::screen::unpaid;
use abri::gui::screen::Shortcut;
use abri::gui::widget::save;
use abri::gui::widget::table::{self, Message as TableMessage};
use abri::model::money::format_money;
use abri::model::Money;
use abri::store::{DocumentFilter, Session, Store};
use abri::treatments::demo::create_demo_with;
use abri::treatments::unpaid::load_unpaid;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("date de test valide")
}

/// Date du jour des tests : fin novembre 2026, la liste des règlements va du 01/10 au
/// 30/11 (mois précédent et mois en cours).
fn today() -> NaiveDate {
    date(2026, 11, 26)
}

/// Démonstration avec ses douze mois d'avis et de règlements (2026).
fn demo_history() -> (Store, Session) {
    let mut store = Store::open_in_memory().expect("base en mémoire");
    let session = create_demo_with(&mut store, "test", true).expect("démonstration");
    (store, session)
}

fn app_on(store: Store, session: Session) -> App {
    App::load_at(
        store,
        session,
        PathBuf::from("/tmp/fenetres.sqlite"),
        today(),
    )
    .expect("chargement de l'application")
}

/// Les règlements de la démonstration entre `from` et `to`, calculés écriture par
/// écriture : les pièces faites sur un modèle de règlement, leur montant étant le débit
/// net du compte de trésorerie de leur journal.
fn expected_payments(app: &App, from: NaiveDate, to: NaiveDate) -> BTreeMap<String, Money> {
    let data = app.data();
    let payment_templates: BTreeSet<&str> = data
        .templates
        .iter()
        .filter(|t| t.is_payment)
        .map(|t| t.reference.as_str())
        .collect();
    let treasury: HashMap<&str, &str> = data
        .journals
        .iter()
        .map(|j| (j.reference.as_str(), j.counter_account.as_str()))
        .collect();
    let mut out: BTreeMap<String, Money> = BTreeMap::new();
    app.db()
        .read(|repo| {
            repo.each_ledger_line(Some(to), |l| {
                let payment = l
                    .template
                    .as_deref()
                    .is_some_and(|t| payment_templates.contains(t));
                if l.value_date >= from && payment {
                    let amount = out.entry(l.number.clone()).or_default();
                    if treasury.get(l.journal.as_str()) == Some(&l.account.as_str()) {
                        *amount += l.debit - l.credit;
                    }
                }
                Ok::<(), abri::store::StoreError>(())
            })
        })
        .expect("grand livre");
    out
}

#[test]
fn the_payments_window_lists_the_demo_payments_with_their_total() {
    let (store, session) = demo_history();
    let mut app = app_on(store, session);
    let expected = expected_payments(&app, date(2026, 10, 1), date(2026, 11, 30));
    let total: Money = expected.values().copied().sum();
    assert!(expected.len() > 20, "{} règlements", expected.len());

    send(&mut app, Message::Open(Window::Payments));
    assert!(
        !app.payments().is_entering(),
        "la fenêtre s'ouvre sur la liste"
    );
    let booked = app.payments().booked();
    let shown: BTreeMap<String, Money> = booked
        .table()
        .rows()
        .iter()
        .map(|p| (p.number.clone(), p.amount))
        .collect();
    assert_eq!(shown, expected);
    assert_eq!(booked.totals(), (expected.len(), total));
    {
        let mut ui = ui(&app);
        let line = format!(
            "{} règlement(s) — total {} €",
            expected.len(),
            format_money(total)
        );
        assert!(ui.find(line.as_str()).is_ok(), "{line}");
        assert!(ui.find("Saisir des règlements").is_ok());
    }

    // Le mode « Chèque » du volet ne garde que les chèques.
    send(
        &mut app,
        Message::Payments(payments::Message::List(payments::list::Message::Mode(
            "Chèque".into(),
        ))),
    );
    let rows = app.payments().booked().table().rows();
    assert!(!rows.is_empty() && rows.len() < expected.len());
    assert!(rows
        .iter()
        .all(|p| p.mode == Some(abri::model::PaymentMode::Cheque)));

    // Entrée sur la première ligne : sa pièce s'ouvre dans la fenêtre Écritures.
    send(
        &mut app,
        Message::Shortcut(Shortcut::Move(table::Move::Home, false)),
    );
    send(&mut app, Message::Shortcut(Shortcut::Enter));
    assert_eq!(app.window(), Window::Vouchers);
    let opened = app
        .vouchers()
        .form()
        .and_then(|f| f.reference())
        .expect("pièce ouverte")
        .to_string();
    assert!(expected.contains_key(&opened), "{opened}");

    // « Saisir des règlements » ouvre la saisie rapide, « ← Liste » y revient.
    send(&mut app, Message::Open(Window::Payments));
    send(&mut app, Message::Shortcut(Shortcut::New));
    assert!(app.payments().is_entering());
    send(&mut app, Message::Payments(payments::Message::ToList));
    assert!(!app.payments().is_entering());
}

/// Écrit l'export CSV d'une liste par sa zone d'enregistrement et le relit.
fn export(app: &mut App, path: &Path, wrap: fn(save::Message) -> Message) -> String {
    send(app, wrap(save::Message::Open(path.to_path_buf())));
    send(app, wrap(save::Message::Confirm));
    std::fs::read_to_string(path).expect("fichier écrit")
}

#[test]
fn the_unpaid_window_shows_load_unpaid_rows_and_totals_and_exports_them() {
    let (store, session) = demo_history();
    let mut app = app_on(store, session);
    let expected = app
        .db()
        .read(|repo| load_unpaid(repo, today()))
        .expect("impayés");
    assert!(!expected.is_empty());
    send(&mut app, Message::Open(Window::Unpaid));
    assert_eq!(app.unpaid().table().rows(), expected.as_slice());
    let balance: Money = expected.iter().map(|r| r.balance).sum();
    let oldest_bucket: Money = expected.iter().map(|r| r.buckets[3]).sum();
    let totals = app.unpaid().totals();
    assert_eq!(totals[0], balance);
    assert_eq!(totals[4], oldest_bucket);
    assert_eq!(totals[1..].iter().copied().sum::<Money>(), balance);
    {
        let mut ui = ui(&app);
        let count = format!("{n} / {n} locataires débiteurs", n = expected.len());
        assert!(ui.find(count.as_str()).is_ok(), "{count}");
        assert!(ui.find("Total").is_ok(), "pied du tableau");
        assert!(ui.find(format_money(balance).as_str()).is_ok());
        assert!(ui.find("Exporter en CSV").is_ok());
    }

    // Une autre date : la liste est recalculée à cette date.
    send(
        &mut app,
        Message::Unpaid(unpaid::Message::At("30/06/2026".into())),
    );
    let june = app
        .db()
        .read(|repo| load_unpaid(repo, date(2026, 6, 30)))
        .expect("impayés de juin");
    assert_eq!(app.unpaid().table().rows(), june.as_slice());

    let dir = tempfile::tempdir().expect("dossier temporaire");
    let csv = export(&mut app, &dir.path().join("impayes.csv"), |m| {
        Message::Unpaid(unpaid::Message::List(TableMessage::Export(m)))
    });
    assert!(csv.starts_with('\u{feff}'));
    for row in &june {
        assert!(csv.contains(&row.tenant), "{} absent de {csv}", row.tenant);
    }
    assert_eq!(csv.lines().count(), june.len() + 1);
}

#[test]
fn the_leases_list_shows_the_tenant_name_and_the_unit_address() {
    let mut store = Store::open_in_memory().expect("base en mémoire");
    let session = create_demo_with(&mut store, "test", false).expect("démonstration");
    let mut app = app_on(store, session);
    send(&mut app, Message::Open(Window::Leases));
    let data = app.data();
    let first = data
        .leases
        .iter()
        .min_by(|a, b| a.reference.cmp(&b.reference))
        .expect("une location");
    let name = data.party_name(&first.tenant);
    let building = data
        .units
        .iter()
        .find(|u| u.reference == first.unit)
        .and_then(|u| data.buildings.iter().find(|b| b.reference == u.building))
        .expect("immeuble du lot");
    assert!(!name.is_empty());
    let row = app.leases().table().rows().first().expect("ligne");
    assert_eq!(row.tenant_name, data.party_name(&row.tenant));
    let mut ui = ui(&app);
    assert!(ui.find(name.as_str()).is_ok(), "{name}");
    assert!(ui.find("Adresse").is_ok(), "titre de la colonne d'adresse");
    let address = format!("{}, {}", building.street, building.city);
    assert!(ui.find(address.as_str()).is_ok(), "{address}");
}

#[test]
fn a_document_of_the_lease_notices_tab_is_printed_to_a_pdf() {
    let (store, session) = demo_history();
    let mut app = app_on(store, session);
    send(&mut app, Message::Open(Window::Leases));
    app.open_record("BAIL002", Some(TAB_NOTICES));
    let documents = app
        .db()
        .read(|repo| {
            repo.documents(&DocumentFilter {
                lease: Some("BAIL002".into()),
                ..DocumentFilter::default()
            })
        })
        .expect("documents");
    let doc = documents
        .iter()
        .find(|d| !d.notice_printed)
        .expect("un avis pas encore imprimé");
    {
        let mut ui = ui(&app);
        assert!(ui.find("Voir le PDF").is_ok());
        assert!(ui.find(format_money(doc.amount).as_str()).is_ok());
    }
    let number = doc.number.clone();
    send(
        &mut app,
        Message::Leases(leases::Message::DocumentPick(number.clone())),
    );
    let dir = tempfile::tempdir().expect("dossier temporaire");
    let path = dir.path().join("avis.pdf");
    let print = |m| Message::Leases(leases::Message::DocumentPrint(m));
    send(&mut app, print(save::Message::Open(path.clone())));
    send(&mut app, print(save::Message::Confirm));
    let bytes = std::fs::read(&path).expect("PDF écrit");
    assert!(bytes.starts_with(b"%PDF"));
    let printed = app
        .db()
        .read(|repo| repo.document(&number))
        .expect("lecture")
        .expect("document");
    assert!(printed.notice_printed, "l'avis imprimé est marqué");
}
