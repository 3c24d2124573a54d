//! Prélèvements bancaires dans la fenêtre (S15) : « Générer les prélèvements… » du menu
//! Gestion locative (période, liste, export CSV, fichier SEPA), « Importer fichier
//! prélèvements » et « Rejets de prélèvements » du menu des règlements, conduits par
//! leurs messages et lus par le simulateur d'iced.
//!
//! Chiffres calculés à la main dans tests/debit_file.rs (démonstration, décembre 2026,
//! montant de l'avis de décembre écrêté au solde après les aides CAF) : LOC002 332,00 ;
//! LOC006 238,00 ; LOC013 635,00 ; LOC018 530,00 ; LOC023 15,00 ; total 1 750,00. Les retours de fixtures/sepa/ : le
//! camt.054 crédite les cinq le 05/12/2026, le pain.002 rejette LOC018 (AM04,
//! « provision insuffisante ») le 09/12/2026.

mod common;

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use abri::gui::app::{App, Message, Window};
use abri::gui::screen::debits::{self, file};
use abri::gui::screen::payments::{self, returns};
use abri::gui::screen::{debit_rejects, Shortcut};
use abri::gui::text as wording;
use abri::gui::widget::save;
use abri::gui::widget::table::Message as TableMessage;
use abri::gui::widget::treatment::{Message as TreatmentMessage, Phase, Report};
use abri::model::money::{format_money, from_cents};
use abri::model::Money;
use abri::store::{Session, Store};
use abri::treatments::demo::create_demo;
use common::debits::{demo_with_december_file, DECEMBER};
use common::gui::{send, ui};
use common::ymd;

fn demo() -> (Store, Session) {
    let mut store = Store::open_in_memory().expect("base en mémoire");
    let session = create_demo(&mut store, "test").expect("démonstration");
    (store, session)
}

fn app_on(store: Store, session: Session, today: NaiveDate) -> App {
    App::load_at(
        store,
        session,
        PathBuf::from("/tmp/prelevements.sqlite"),
        today,
    )
    .expect("chargement de l'application")
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/sepa")
        .join(name)
}

/// Choisit une entrée du menu n° `menu` par son libellé, sans lancer la tâche qu'elle
/// produit (la boîte « Ouvrir » du système n'a pas à s'ouvrir pendant les tests).
fn pick(app: &mut App, menu: usize, label: &str) {
    send(app, Message::Menu(Some(menu)));
    let messages: Vec<Message> = {
        let mut ui = ui(app);
        ui.click(label).expect("entrée du menu");
        ui.into_messages().collect()
    };
    assert!(!messages.is_empty(), "« {label} » n'envoie rien");
    for message in messages {
        let _ = app.update(message);
    }
    assert_eq!(app.menu(), None, "le menu se referme");
}

/// Le solde (débit − crédit) du compte de loyer 411000000 d'un locataire au 31/12/2026.
fn lo_balance(app: &App, tenant: &str) -> Money {
    app.db()
        .read(|repo| repo.tiers_balances(&[tenant], ymd(2026, 12, 31)))
        .expect("soldes")
        .iter()
        .filter(|((account, _), _)| account == "411000000")
        .map(|(_, b)| *b)
        .sum()
}

fn vouchers(app: &App) -> i64 {
    app.db().read(|repo| repo.count("voucher")).expect("compte")
}

/// Le compte rendu affiché par une boîte de traitement, et s'il attend confirmation.
fn shown(phase: &Phase) -> (&Report, bool) {
    match phase {
        Phase::Planned(r) => (r, true),
        Phase::Finished(r) => (r, false),
        other => panic!("pas de compte rendu : {other:?}"),
    }
}

fn has_line(report: &Report, part: &str) -> bool {
    report.lines.iter().any(|l| l.text.contains(part))
}

/// Dans la boîte du fichier SEPA ouverte : la date de prélèvement, le fichier à écrire
/// (tapé : pas de boîte du système dans les tests), puis le plan.
fn plan_sepa(app: &mut App, date: &str, path: &Path) {
    let sepa = |m: file::Message| Message::Debits(debits::Message::Sepa(m));
    send(app, sepa(file::Message::Date(date.to_string())));
    send(app, sepa(file::Message::Path(path.display().to_string())));
    send(
        app,
        Message::Debits(debits::Message::Treatment(TreatmentMessage::Run)),
    );
}

/// « Importer fichier prélèvements » du menu, le fichier tapé, puis la simulation.
fn simulate_return(app: &mut App, file: &Path) {
    pick(app, 1, wording::MENU_IMPORT_DEBITS);
    assert_eq!(app.window(), Window::Payments);
    assert!(
        app.payments().returns().is_some(),
        "la boîte de l'import s'ouvre"
    );
    let dialog = |m: returns::Message| Message::Payments(payments::Message::Returns(m));
    send(
        app,
        dialog(returns::Message::Path(file.display().to_string())),
    );
    send(
        app,
        dialog(returns::Message::Treatment(TreatmentMessage::Run)),
    );
}

#[test]
fn the_december_list_shows_the_five_debits_and_their_total_then_exports_them() {
    let (store, session) = demo();
    let mut app = app_on(store, session, ymd(2026, 11, 20));
    pick(&mut app, 1, wording::MENU_GENERATE_DEBITS);
    assert_eq!(app.window(), Window::Debits);
    assert!(app.debits().is_asking(), "la boîte de la période s'ouvre");
    // Le mois qui suit le 20/11/2026.
    assert_eq!(app.debits().period(), ("01/12/2026", "31/12/2026"));
    send(&mut app, Message::Debits(debits::Message::Show));
    assert!(!app.debits().is_asking());

    let rows: Vec<(String, String, Money)> = app
        .debits()
        .table()
        .rows()
        .iter()
        .map(|d| (d.tenant.clone(), d.lease.clone(), d.amount))
        .collect();
    let expected: Vec<(String, String, Money)> = DECEMBER
        .iter()
        .map(|(t, l, c)| (t.to_string(), l.to_string(), from_cents(*c)))
        .collect();
    assert_eq!(rows, expected);
    // LOC002 et LOC006 : l'avis écrêté au solde après l'aide CAF de décembre.
    let rules: Vec<String> = app
        .debits()
        .table()
        .rows()
        .iter()
        .map(|d| d.rule_label())
        .collect();
    assert_eq!(
        rules,
        [
            "avis période/max",
            "avis période/max",
            "avis période",
            "avis période",
            "avis période"
        ]
    );
    {
        let mut ui = ui(&app);
        for text in [
            "5 / 5 prélèvements",
            format_money(from_cents(175_000)).as_str(),
            "530,00",
            "avis période",
            "du 01/12/2026 au 31/12/2026",
            "Règle",
            "RUM",
            wording::GENERATE_SEPA,
            wording::EXPORT_CSV,
        ] {
            assert!(ui.find(text).is_ok(), "« {text} » absent de la fenêtre");
        }
        // L'IBAN est masqué : pays et clé, puis les quatre derniers caractères.
        let iban = &app.debits().table().rows()[0].iban;
        assert!(ui.find(iban.as_str()).is_err(), "IBAN en clair");
    }
    // Les locations écartées sont montrées avec leur raison.
    let skipped = &app.debits().list().expect("liste").1;
    if let Some(s) = skipped.first() {
        let line = format!("{} {} ({}) : {}", s.tenant, s.name, s.lease, s.reason);
        assert!(ui(&app).find(line.as_str()).is_ok(), "{line}");
    }

    let dir = tempfile::tempdir().expect("dossier temporaire");
    let path = dir.path().join("prelevements.csv");
    let export = |m| Message::Debits(debits::Message::List(TableMessage::Export(m)));
    send(&mut app, export(save::Message::Open(path.clone())));
    send(&mut app, export(save::Message::Confirm));
    let csv = std::fs::read_to_string(&path).expect("CSV écrit");
    assert!(csv.starts_with('\u{feff}'));
    assert_eq!(csv.lines().count(), 6, "{csv}");
    assert!(csv.contains("LOC018;"), "{csv}");
    assert!(csv.contains(";530,00;avis période"), "{csv}");

    // Une période à l'envers est refusée dans la boîte, la liste reste.
    send(&mut app, Message::Debits(debits::Message::Ask));
    send(
        &mut app,
        Message::Debits(debits::Message::From("31/12/2026".into())),
    );
    send(
        &mut app,
        Message::Debits(debits::Message::To("01/12/2026".into())),
    );
    send(&mut app, Message::Shortcut(Shortcut::Enter));
    assert!(app.debits().is_asking());
    assert!(ui(&app).find(wording::DEBITS_TO_BEFORE_FROM).is_ok());
    send(&mut app, Message::Shortcut(Shortcut::Escape));
    assert!(!app.debits().is_asking());
    assert_eq!(app.debits().total(), 5);
}

#[test]
fn the_sepa_file_is_planned_then_written_and_recorded_once() {
    let (store, session) = demo();
    let mut app = app_on(store, session, ymd(2026, 11, 20));
    pick(&mut app, 1, wording::MENU_GENERATE_DEBITS);
    send(&mut app, Message::Debits(debits::Message::Show));
    send(&mut app, Message::Debits(debits::Message::File));
    let treatment = |m: TreatmentMessage| Message::Debits(debits::Message::Treatment(m));
    {
        let (_, options) = app.debits().file().expect("boîte du fichier");
        assert_eq!(
            options.date, "01/12/2026",
            "au plus tôt le début de la période"
        );
        assert_eq!(options.version, "pain.008.001.08");
        let mut ui = ui(&app);
        assert!(ui.find(wording::SEPA_COLLECTION_DATE).is_ok());
    }
    let dir = tempfile::tempdir().expect("dossier temporaire");
    let path = dir.path().join("decembre.xml");

    // Le plan : les cinq prélèvements, rien d'écrit.
    plan_sepa(&mut app, "05/12/2026", &path);
    {
        let (t, _) = app.debits().file().expect("boîte");
        let (report, planned) = shown(t.phase());
        assert!(planned, "{report:?}");
        assert_eq!(
            report.summary,
            format!(
                "5 prélèvement(s) à mettre dans le fichier, total {} €",
                format_money(from_cents(175_000))
            )
        );
        assert!(has_line(report, "LOC018"), "{report:?}");
        assert!(has_line(report, "FRST"), "premier prélèvement des mandats");
    }
    assert!(!path.exists(), "la simulation n'écrit pas le fichier");
    assert!(ui(&app).find(wording::APPLY).is_ok());

    // Confirmé : le fichier est écrit, sa somme de contrôle est le total.
    send(&mut app, treatment(TreatmentMessage::Apply));
    {
        let (t, _) = app.debits().file().expect("boîte");
        let (report, planned) = shown(t.phase());
        assert!(!planned);
        assert!(
            report.summary.starts_with("Fichier écrit : ")
                && report.summary.ends_with(&format!(
                    "5 prélèvement(s), total {} €",
                    format_money(from_cents(175_000))
                )),
            "{}",
            report.summary
        );
    }
    let xml = std::fs::read_to_string(&path).expect("fichier écrit");
    assert!(xml.contains("urn:iso:std:iso:20022:tech:xsd:pain.008.001.08"));
    assert!(xml.contains("<CtrlSum>1750.00</CtrlSum>"), "{xml}");
    assert!(xml.contains("<NbOfTxs>5</NbOfTxs>"));
    send(&mut app, treatment(TreatmentMessage::Close));
    assert!(app.debits().file().is_none());

    // La même période de nouveau : rien de nouveau, aucun fichier à écrire.
    let again = dir.path().join("encore.xml");
    send(&mut app, Message::Debits(debits::Message::File));
    plan_sepa(&mut app, "05/12/2026", &again);
    let (t, _) = app.debits().file().expect("boîte");
    let (report, planned) = shown(t.phase());
    assert!(!planned);
    assert_eq!(report.summary, wording::SEPA_NOTHING);
    assert!(
        has_line(report, "Déjà dans un fichier, non repris : 5"),
        "{report:?}"
    );
    assert!(!again.exists());
}

#[test]
fn a_past_collection_date_is_refused_and_nothing_is_written() {
    let (store, session) = demo();
    let mut app = app_on(store, session, ymd(2026, 11, 20));
    pick(&mut app, 1, wording::MENU_GENERATE_DEBITS);
    send(&mut app, Message::Debits(debits::Message::Show));
    send(&mut app, Message::Debits(debits::Message::File));
    let dir = tempfile::tempdir().expect("dossier temporaire");
    let path = dir.path().join("passe.xml");
    plan_sepa(&mut app, "19/11/2026", &path);
    let (t, _) = app.debits().file().expect("boîte");
    match t.phase() {
        Phase::Failed(message) => assert!(
            message.contains("La date de prélèvement 19/11/2026 est passée"),
            "{message}"
        ),
        other => panic!("refus attendu : {other:?}"),
    }
    assert!(!path.exists());
}

/// Importe un retour par la boîte des règlements : simulation, puis « Enregistrer ».
fn import(app: &mut App, file: &Path) -> (Report, Report) {
    simulate_return(app, file);
    let dialog = |m: returns::Message| Message::Payments(payments::Message::Returns(m));
    let planned = {
        let t = &app.payments().returns().expect("boîte").treatment;
        let (report, planned) = shown(t.phase());
        assert!(planned, "{report:?}");
        report.clone()
    };
    assert!(
        ui(app).find(wording::SAVE_FILE).is_ok(),
        "bouton « Enregistrer »"
    );
    send(
        app,
        dialog(returns::Message::Treatment(TreatmentMessage::Apply)),
    );
    let done = {
        let t = &app.payments().returns().expect("boîte").treatment;
        let (report, planned) = shown(t.phase());
        assert!(!planned);
        report.clone()
    };
    send(
        app,
        dialog(returns::Message::Treatment(TreatmentMessage::Close)),
    );
    assert!(app.payments().returns().is_none());
    (planned, done)
}

#[test]
fn the_camt054_is_shown_then_booked_on_confirm() {
    let (store, session) = demo_with_december_file();
    let mut app = app_on(store, session, ymd(2026, 12, 10));
    let before: Vec<Money> = DECEMBER
        .iter()
        .map(|(t, _, _)| lo_balance(&app, t))
        .collect();
    let count = vouchers(&app);

    // La simulation seule n'écrit rien.
    let dialog = |m: returns::Message| Message::Payments(payments::Message::Returns(m));
    let camt = fixture("demo-camt.054.001.08.xml");
    simulate_return(&mut app, &camt);
    {
        let t = &app.payments().returns().expect("boîte").treatment;
        let (report, planned) = shown(t.phase());
        assert!(planned);
        assert_eq!(
            report.summary,
            "5 prélèvement(s) crédité(s), 0 rejet(s) à enregistrer"
        );
        assert!(has_line(report, "LOC018"), "{report:?}");
    }
    assert_eq!(vouchers(&app), count, "la simulation n'écrit rien");
    send(
        &mut app,
        dialog(returns::Message::Treatment(TreatmentMessage::Close)),
    );
    assert!(app.payments().returns().is_none());

    let (_, done) = import(&mut app, &camt);
    assert!(
        done.summary
            .starts_with("Retour enregistré : 5 pièce(s) passée(s) ("),
        "{}",
        done.summary
    );
    assert_eq!(vouchers(&app), count + 5);
    for (i, (tenant, _, cents)) in DECEMBER.iter().enumerate() {
        assert_eq!(
            lo_balance(&app, tenant),
            before[i] - from_cents(*cents),
            "solde de loyer de {tenant}"
        );
    }

    // Le même fichier de nouveau : rien à enregistrer.
    simulate_return(&mut app, &camt);
    let t = &app.payments().returns().expect("boîte").treatment;
    let (report, planned) = shown(t.phase());
    assert!(!planned);
    assert_eq!(report.summary, wording::RETURN_NOTHING);
    assert_eq!(vouchers(&app), count + 5);
}

#[test]
fn a_file_that_is_not_xml_is_refused_in_french_and_nothing_is_written() {
    let (store, session) = demo_with_december_file();
    let mut app = app_on(store, session, ymd(2026, 12, 10));
    let count = vouchers(&app);
    let dir = tempfile::tempdir().expect("dossier temporaire");
    let path = dir.path().join("releve.xml");
    std::fs::write(&path, "ceci n'est pas du XML").expect("fichier");
    simulate_return(&mut app, &path);
    let t = &app.payments().returns().expect("boîte").treatment;
    let Phase::Failed(message) = t.phase() else {
        panic!("refus attendu : {:?}", t.phase());
    };
    assert!(!message.is_empty());
    assert!(ui(&app).find(message.as_str()).is_ok(), "{message}");
    assert_eq!(vouchers(&app), count);
}

#[test]
fn the_rejects_window_lists_loc018_after_the_pain002() {
    let (store, session) = demo_with_december_file();
    let mut app = app_on(store, session, ymd(2026, 12, 10));
    pick(&mut app, 1, wording::DEBIT_REJECTS);
    assert_eq!(app.window(), Window::DebitRejects);
    assert_eq!(app.debit_rejects().total(), 0);

    import(&mut app, &fixture("demo-camt.054.001.08.xml"));
    let (planned, done) = import(&mut app, &fixture("demo-pain.002.001.10.xml"));
    assert_eq!(
        planned.summary,
        "0 prélèvement(s) crédité(s), 1 rejet(s) à enregistrer"
    );
    assert!(
        has_line(&planned, "AM04 provision insuffisante"),
        "{planned:?}"
    );
    assert!(done
        .summary
        .starts_with("Retour enregistré : 1 pièce(s) passée(s)"));

    pick(&mut app, 1, wording::DEBIT_REJECTS);
    assert_eq!(app.window(), Window::DebitRejects);
    let rows = app.debit_rejects().table().rows();
    assert_eq!(rows.len(), 1);
    let reject = &rows[0];
    assert_eq!(
        (reject.tenant.as_str(), reject.lease.as_str()),
        ("LOC018", "BAIL019")
    );
    assert_eq!(reject.amount, from_cents(53_000));
    assert!(!reject.reversal.is_empty(), "contre-passation passée");
    // Le motif : son code et son libellé français.
    assert_eq!(debit_rejects::reason(reject), "AM04 provision insuffisante");
    {
        let mut ui = ui(&app);
        for text in [
            "LOC018",
            "530,00",
            "05/12/2026",
            "09/12/2026",
            reject.reversal.as_str(),
            wording::COL_REASON,
        ] {
            assert!(ui.find(text).is_ok(), "« {text} » absent de la fenêtre");
        }
    }
    let dir = tempfile::tempdir().expect("dossier temporaire");
    let path = dir.path().join("rejets.csv");
    let export = |m| Message::DebitRejects(debit_rejects::Message::List(TableMessage::Export(m)));
    send(&mut app, export(save::Message::Open(path.clone())));
    send(&mut app, export(save::Message::Confirm));
    let csv = std::fs::read_to_string(&path).expect("CSV écrit");
    assert_eq!(csv.lines().count(), 2, "{csv}");
    assert!(
        csv.contains(";530,00;05/12/2026;09/12/2026;AM04 provision insuffisante;"),
        "{csv}"
    );
}
