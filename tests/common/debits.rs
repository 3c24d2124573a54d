//! La démonstration avec son fichier de prélèvements de décembre 2026 enregistré (fait
//! le 20/11/2026 à 10 h), celui auquel répondent les retours de fixtures/sepa/.

use abri::formats::sepa::PainVersion;
use abri::store::{Session, Store};
use abri::treatments::debit_file::{apply_file, load_file, plan_file, FileOptions};
use abri::treatments::demo::create_demo;
use abri::treatments::direct_debit::{load, plan, DebitOptions};

use super::ymd;

/// Les cinq prélèvements de décembre 2026 de la démonstration, calculés à la main dans
/// l'en-tête de tests/debit_file.rs : (locataire, location, montant en centimes) ; total
/// 1 750,00.
pub const DECEMBER: [(&str, &str, i64); 5] = [
    ("LOC002", "BAIL002", 33_200),
    ("LOC006", "BAIL006", 23_800),
    ("LOC013", "BAIL013", 63_500),
    ("LOC018", "BAIL019", 53_000),
    ("LOC023", "BAIL028", 1_500),
];

pub fn demo_with_december_file() -> (Store, Session) {
    let mut store = Store::open_in_memory().expect("base en mémoire");
    let session = create_demo(&mut store, "test").expect("démonstration");
    let window = DebitOptions {
        from: ymd(2026, 12, 1),
        to: ymd(2026, 12, 31),
    };
    let options = FileOptions {
        collection_date: ymd(2026, 12, 5),
        version: PainVersion::V08,
        now: ymd(2026, 11, 20).and_hms_opt(10, 0, 0).expect("heure"),
    };
    let file_plan = {
        let repo = store.read(&session);
        let list = plan(&load(&repo, &window).expect("lecture"), &window);
        let landlord = store.landlord(&session).expect("bailleur");
        let snapshot = load_file(&repo, landlord, &list, options.now).expect("lecture");
        plan_file(&list, &snapshot, &options).expect("plan du fichier")
    };
    assert_eq!(file_plan.msg_id, "DEMO-20261120100000");
    let dir = tempfile::tempdir().expect("dossier");
    store
        .write(&session, "fichier", |repo| {
            apply_file(repo, &file_plan, &dir.path().join("decembre.xml"))
        })
        .expect("fichier enregistré");
    (store, session)
}
