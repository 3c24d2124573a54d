//! Fenêtre Locations, « Traiter un fichier CAF… » (S13) sans écran : choix du fichier,
//! simulation et son compte rendu (rien d'écrit), confirmation, compte rendu final.

mod common;

use std::path::PathBuf;

use common::gui::{send, ui};

use abri::gui::app::{App, Message, Window};
use abri::gui::screen::caf_file;
use abri::gui::screen::leases;
use abri::gui::widget::treatment::{self, Phase};
use abri::store::Store;
use abri::treatments::demo::create_demo_with;

fn demo_app() -> App {
    let mut store = Store::open_in_memory().expect("base en mémoire");
    let session = create_demo_with(&mut store, "test", false).expect("démonstration");
    App::load_at(
        store,
        session,
        PathBuf::from("/tmp/demo.sqlite"),
        common::ymd(2026, 12, 6),
    )
    .expect("chargement de l'application")
}

fn dialog(m: caf_file::Message) -> Message {
    Message::Leases(leases::Message::CafFileDialog(m))
}

fn step(m: treatment::Message) -> Message {
    dialog(caf_file::Message::Treatment(m))
}

fn phase(app: &App) -> Phase {
    app.leases()
        .caf_file()
        .map(|(t, _)| t.phase().clone())
        .expect("boîte ouverte")
}

fn caf_runs(app: &App) -> i64 {
    app.db()
        .read(|repo| repo.count("caf_run"))
        .expect("fichiers")
}

#[test]
fn a_caf_file_is_simulated_then_applied_from_the_leases_window() {
    let mut app = demo_app();
    send(&mut app, Message::Open(Window::Leases));
    send(&mut app, Message::Leases(leases::Message::CafFile));
    // Sans fichier : le refus est dit, rien n'est lancé.
    send(&mut app, step(treatment::Message::Run));
    assert!(matches!(phase(&app), Phase::Failed(ref m) if m.contains("Choisissez le fichier CAF")));
    send(&mut app, step(treatment::Message::Back));
    let file = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/fixtures/caf/apl-paiement-2026-12.txt"
    );
    send(&mut app, dialog(caf_file::Message::Path(file.to_string())));
    {
        let mut ui = ui(&app);
        assert!(ui.find("Traitement d'un fichier CAF").is_ok());
        assert!(ui.find(file).is_ok());
    }
    send(&mut app, step(treatment::Message::Run));
    let planned = match phase(&app) {
        Phase::Planned(report) => report,
        other => panic!("simulation attendue : {other:?}"),
    };
    assert!(planned.can_apply);
    assert!(
        planned.summary.contains("4 allocataires, total 586,10"),
        "{}",
        planned.summary
    );
    assert!(
        planned.summary.contains("25/12/2026"),
        "{}",
        planned.summary
    );
    let unknown = planned
        .lines
        .iter()
        .find(|l| l.text.contains("9999999Z"))
        .expect("inconnu");
    assert!(!unknown.ok);
    assert!(unknown.text.contains("LINCONNU"), "{}", unknown.text);
    assert_eq!(caf_runs(&app), 0, "la simulation n'écrit rien");
    send(&mut app, step(treatment::Message::Apply));
    let done = match phase(&app) {
        Phase::Finished(report) => report,
        other => panic!("compte rendu final attendu : {other:?}"),
    };
    assert!(done.summary.contains("enregistrée"), "{}", done.summary);
    assert!(!done.can_apply);
    assert_eq!(caf_runs(&app), 1);
    send(&mut app, step(treatment::Message::Close));
    assert!(app.leases().caf_file().is_none());
}

#[test]
fn the_benefits_synthesis_window_shows_the_last_caf_status() {
    let mut app = demo_app();
    let bytes = include_bytes!("../fixtures/caf/apl-paiement-2026-12.txt");
    send(&mut app, Message::Open(Window::Benefits));
    // Neuf allocations dans la démonstration, aucun fichier traité.
    assert_eq!(app.benefits().total(), 9);
    assert!(app
        .benefits()
        .table()
        .rows()
        .iter()
        .all(|r| r.status.is_none()));
    // Un fichier traité hors de la fenêtre : elle le montre à sa prochaine ouverture.
    send(&mut app, Message::Leases(leases::Message::CafFile));
    let file = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/fixtures/caf/apl-paiement-2026-12.txt"
    );
    assert_eq!(std::fs::read(file).expect("fichier").as_slice(), bytes);
    send(&mut app, dialog(caf_file::Message::Path(file.to_string())));
    send(&mut app, step(treatment::Message::Run));
    send(&mut app, step(treatment::Message::Apply));
    send(&mut app, step(treatment::Message::Close));
    send(&mut app, Message::Open(Window::Benefits));
    let martin = app
        .benefits()
        .table()
        .rows()
        .iter()
        .find(|r| r.tenant == "LOC001")
        .cloned()
        .expect("LOC001");
    let status = martin.status.expect("état CAF");
    assert_eq!(
        status.amount,
        abri::model::money::parse_money("312,45").expect("montant")
    );
    let mut ui = ui(&app);
    assert!(ui.find("Synthèse allocations logement").is_ok());
    for shown in [
        "1234567A",
        "10/12/2026",
        "751",
        "APL",
        "compte en cours",
        "ouverture de droit",
        "cas normal",
        "312,45",
    ] {
        assert!(ui.find(shown).is_ok(), "{shown}");
    }
}
