//! Le binaire `abri` de bout en bout : démo, vérificateur, listes, import, erreurs.

use std::path::Path;
use std::process::{Command, Output};

fn abri(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_abri"))
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .expect("lancement de abri")
}

/// `abri` sans `--db` (aide, erreurs d'utilisation : aucune base n'est ouverte).
fn abri_bare(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_abri"))
        .args(args)
        .output()
        .expect("lancement de abri")
}

/// Les mots anglais que clap écrirait de lui-même.
fn assert_no_english(text: &str) {
    for word in [
        "Usage",
        "Commands",
        "Print",
        "error:",
        "unexpected",
        "required",
        "found",
        "invalid",
        "default:",
        "tip:",
        "subcommand",
        "possible values",
    ] {
        assert!(!text.contains(word), "« {word} » dans : {text}");
    }
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}
fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn demo_then_verifier_then_liste_locations() {
    let dir = tempfile::tempdir().expect("dossier");
    let db = dir.path().join("d.sqlite");
    let demo = abri(&db, &["demo", "--sans-historique"]);
    assert!(demo.status.success(), "{}", stderr(&demo));
    assert!(
        stdout(&demo).contains("5 immeubles, 36 lots, 28 locataires, 28 locations"),
        "{}",
        stdout(&demo)
    );

    let check = abri(&db, &["verifier"]);
    assert!(check.status.success(), "{}", stderr(&check));
    assert!(stdout(&check).contains("aucun problème"));

    let list = abri(&db, &["liste", "locations", "--csv"]);
    assert!(list.status.success(), "{}", stderr(&list));
    let text = stdout(&list);
    // Une ligne par location (les notes sur plusieurs lignes sont entre guillemets).
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b';')
        .has_headers(false)
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let lines: Vec<String> = reader
        .records()
        .map(|r| r.expect("ligne CSV").iter().collect::<Vec<_>>().join(";"))
        .collect();
    assert_eq!(lines.len(), 1 + 28, "en-tête + 28 locations");
    assert!(lines[0].starts_with("reference;lot;locataire;"));
    // La location en prélèvement a son IBAN et sa RUM proposée (NOM + date du mandat).
    let dupont = lines
        .iter()
        .find(|l| l.starts_with("BAIL002;"))
        .expect("BAIL002");
    assert!(
        dupont.contains(";prelevement;") && dupont.contains(";O;Sophie DUPONT;BNP;FR76"),
        "{dupont}"
    );
    assert!(dupont.contains(";DUPONT20190315;15/03/2019;"), "{dupont}");

    // Recréer la démonstration redonne la même base, vérifiable.
    let again = abri(&db, &["demo", "--sans-historique"]);
    assert!(again.status.success(), "{}", stderr(&again));
    assert!(abri(&db, &["verifier"]).status.success());
}

#[test]
fn verifier_fails_and_names_a_corrupted_row() {
    let dir = tempfile::tempdir().expect("dossier");
    let db = dir.path().join("d.sqlite");
    assert!(abri(&db, &["demo", "--sans-historique"]).status.success());
    {
        let conn = rusqlite::Connection::open(&db).expect("base");
        // Modifications directes, hors d'Abri : un IBAN faux et un état incohérent.
        conn.execute(
            "UPDATE lease SET iban = 'FR7630004008210001234567800' WHERE reference = 'BAIL002'",
            [],
        )
        .expect("iban");
        conn.execute(
            "UPDATE tenant SET state = 'candidat' WHERE reference = 'LOC001'",
            [],
        )
        .expect("état");
    }
    let check = abri(&db, &["verifier"]);
    assert_eq!(check.status.code(), Some(1));
    let err = stderr(&check);
    assert!(err.contains("2 problème(s)"), "{err}");
    assert!(
        err.contains("location « BAIL002 » : iban : IBAN invalide"),
        "{err}"
    );
    assert!(err.contains("locataire « LOC001 » : etat : état « Candidat » alors qu'il devrait être « Locataire »"), "{err}");
}

#[test]
fn import_from_the_command_line_and_bad_arguments() {
    let dir = tempfile::tempdir().expect("dossier");
    let db = dir.path().join("d.sqlite");
    assert!(abri(&db, &["demo", "--sans-historique"]).status.success());
    let file = dir.path().join("immeubles.csv");
    std::fs::write(
        &file,
        "reference;debut_gestion;rue;code_postal;ville\nIMM09;01/01/2026;9 rue Neuve;75009;Paris\n",
    )
    .expect("fichier");
    let ok = abri(
        &db,
        &["import", "immeubles", file.to_str().expect("chemin")],
    );
    assert!(ok.status.success(), "{}", stderr(&ok));
    assert_eq!(
        stdout(&ok),
        "1 fiche(s) importée(s) dans la liste immeubles.\n"
    );
    let list = stdout(&abri(&db, &["liste", "immeubles", "--csv"]));
    assert!(
        list.contains("\r\nIMM09;01/01/2026;;IMM09;9 rue Neuve;75009;Paris;;\r\n"),
        "{list}"
    );

    let unknown = abri(&db, &["liste", "chats"]);
    assert_eq!(unknown.status.code(), Some(1));
    assert!(stderr(&unknown).contains("liste « chats » inconnue ; listes possibles : immeubles, lots, locataires, tiers, locations, rubriques-location, periodes"));

    let missing = abri(&db, &["import", "lots", "/nulle/part.csv"]);
    assert_eq!(missing.status.code(), Some(1));
    assert_eq!(
        stderr(&missing),
        "abri : le fichier « /nulle/part.csv » n'existe pas\n"
    );
    let folder = abri(
        &db,
        &["import", "lots", dir.path().to_str().expect("chemin")],
    );
    assert_eq!(
        stderr(&folder),
        format!(
            "abri : « {} » est un dossier, pas un fichier\n",
            dir.path().display()
        )
    );
}

#[test]
fn an_empty_database_says_what_to_do() {
    let dir = tempfile::tempdir().expect("dossier");
    let db = dir.path().join("vide.sqlite");
    // Une base existante sans bailleur (ouverte par le programme, jamais remplie).
    drop(abri::store::Store::open(&db).expect("base vide"));
    let out = abri(&db, &["liste", "immeubles"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains(
            "aucun bailleur dans la base : créez-en un avec « abri --db FICHIER bailleur creer --code CODE --nom NOM », ou lancez « abri demo »"
        ),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_missing_database_is_not_created_by_a_failed_command() {
    let dir = tempfile::tempdir().expect("dossier");
    let db = dir.path().join("absente.sqlite");
    let out = abri(&db, &["liste", "immeubles"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr(&out),
        format!(
            "abri : la base « {0} » n'existe pas : vérifiez le chemin, ou créez-la avec « abri --db {0} bailleur creer --code CODE --nom NOM » (ou « abri --db {0} demo »)\n",
            db.display()
        )
    );
    assert!(
        !db.exists(),
        "aucun fichier laissé par une commande refusée"
    );
    // Une commande de création qui échoue ne laisse rien non plus.
    let bad = abri(
        &db,
        &[
            "bailleur", "creer", "--code", "ASSO", "--nom", "Logis", "--siret", "123",
        ],
    );
    assert_eq!(bad.status.code(), Some(1));
    assert_eq!(
        stderr(&bad),
        "abri : bailleur refusé, rien n'a été créé : --siret : le SIRET comporte 14 chiffres\n"
    );
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .expect("dossier")
        .map(|e| e.expect("entrée").file_name())
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn bailleur_creer_starts_a_database_without_the_demo() {
    let dir = tempfile::tempdir().expect("dossier");
    let db = dir.path().join("asso.sqlite");
    let out = abri(
        &db,
        &[
            "bailleur",
            "creer",
            "--code",
            "ASSO",
            "--nom",
            "Association Logis Pour Tous",
            "--rue",
            "3 place du Marché",
            "--code-postal",
            "69001",
            "--ville",
            "Lyon",
            "--siret",
            "123 456 782 00010",
            "--iban",
            "fr76 3000 6000 0112 3456 7890 189",
            "--bic",
            "agrifrpp",
            "--code-caf",
            "p6901",
            "--ics",
            "FR72ZZZ123456",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        "Bailleur « ASSO » créé avec les catalogues par défaut ; désignez-le avec --bailleur ASSO s'il n'est pas le seul de la base.\n"
    );
    let stored: (String, String, String, String, String, String) = rusqlite::Connection::open(&db)
        .expect("base")
        .query_row(
            "SELECT name, siret, iban, bic, caf_code, creditor_id FROM landlord WHERE code = 'ASSO'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)),
        )
        .expect("bailleur");
    assert_eq!(
        stored,
        (
            "Association Logis Pour Tous".to_string(),
            "12345678200010".to_string(),
            "FR7630006000011234567890189".to_string(),
            "AGRIFRPP".to_string(),
            "P6901".to_string(),
            "FR72ZZZ123456".to_string()
        )
    );
    assert_eq!(
        stdout(&abri(&db, &["bailleur", "liste"])),
        "ASSO  Association Logis Pour Tous\n1 bailleur(s)\n"
    );
    // Les catalogues par défaut sont là : un tiers s'importe, la base se vérifie.
    let file = dir.path().join("tiers.csv");
    std::fs::write(
        &file,
        "reference;type;nom\nCAF69;organisme_payeur;CAF du Rhône\n",
    )
    .expect("fichier");
    let import = abri(&db, &["import", "tiers", file.to_str().expect("chemin")]);
    assert!(import.status.success(), "{}", stderr(&import));
    let check = abri(&db, &["verifier"]);
    assert!(check.status.success(), "{}", stderr(&check));
    // Chaque identifiant est contrôlé et nommé par son option.
    let bad = abri(
        &db,
        &[
            "bailleur",
            "creer",
            "--code",
            "AUTRE",
            "--nom",
            "X",
            "--iban",
            "FR7630006000011234567890188",
            "--code-caf",
            "75120",
            "--ics",
            "FR00ZZZ123456",
            "--bic",
            "AGRI",
        ],
    );
    assert_eq!(bad.status.code(), Some(1));
    assert_eq!(
        stderr(&bad),
        "abri : bailleur refusé, rien n'a été créé : \
         --code-caf : Code bailleur CAF invalide : le 1er caractère (famille) doit être une lettre ; \
         --ics : Identifiant créancier SEPA (ICS) invalide : la clé de contrôle ne correspond pas (vérifiez les caractères saisis) ; \
         --iban : IBAN invalide : la clé de contrôle ne correspond pas (vérifiez les chiffres saisis) ; \
         --bic : BIC invalide : il comporte 8 ou 11 caractères (par exemple BNPAFRPP ou BNPAFRPPXXX), 4 saisis\n"
    );
    // 123 456 789 000 17 : 14 chiffres mais la clé de Luhn est fausse (somme 52).
    let bad_siret = abri(
        &db,
        &[
            "bailleur",
            "creer",
            "--code",
            "AUTRE",
            "--nom",
            "X",
            "--siret",
            "12345678900017",
        ],
    );
    assert_eq!(bad_siret.status.code(), Some(1));
    assert!(
        stderr(&bad_siret).contains("--siret : SIRET invalide"),
        "{}",
        stderr(&bad_siret)
    );
    let twice = abri(
        &db,
        &["bailleur", "creer", "--code", "ASSO", "--nom", "Encore"],
    );
    assert!(
        stderr(&twice).contains("Bailleur « ASSO » existe déjà"),
        "{}",
        stderr(&twice)
    );
    assert_eq!(
        stdout(&abri(&db, &["bailleur", "liste"])),
        "ASSO  Association Logis Pour Tous\n1 bailleur(s)\n"
    );
}

#[test]
fn balance_from_the_command_line() {
    use abri::ledger::{post, EntryDraft, LedgerContext, VoucherDraft};
    use rust_decimal::Decimal;
    let dir = tempfile::tempdir().expect("dossier");
    let db = dir.path().join("d.sqlite");
    {
        // Un bailleur avec ses catalogues et un seul tiers, sans les pièces de la démo.
        let mut store = abri::store::Store::open(&db).expect("base");
        let session = store
            .create_landlord(&abri::treatments::demo::demo_landlord(), "test")
            .expect("bailleur");
        store
            .write(
                &session,
                "catalogues",
                abri::treatments::setup::load_default_catalogues,
            )
            .expect("catalogues");
        abri::treatments::import::import(
            &mut store,
            &session,
            abri::treatments::import::Entity::ThirdParties,
            "reference;type;nom\nLOC002;locataire;Mme DUPONT Sophie\n",
        )
        .expect("tiers");
        let date = chrono::NaiveDate::from_ymd_opt(2026, 2, 10).expect("date");
        let entry = |account: &str, tiers: Option<&str>, debit: i64, credit: i64| EntryDraft {
            account: account.into(),
            tiers: tiers.map(str::to_string),
            analytic: String::new(),
            label: String::new(),
            debit: Decimal::new(debit, 2),
            credit: Decimal::new(credit, 2),
        };
        let draft = VoucherDraft {
            journal: "BQ".into(),
            value_date: date,
            label: "Règlement".into(),
            template: None,
            tiers: Some("LOC002".into()),
            lease: None,
            analytic: String::new(),
            payment_mode: None,
            payment_date: None,
            batch_no: String::new(),
            reference: String::new(),
            origin: "saisie".into(),
            entries: vec![
                entry("512000000", None, 123_456, 0),
                entry("411000000", Some("LOC002"), 0, 123_456),
            ],
        };
        store
            .write(&session, "test", |repo| {
                let ctx = LedgerContext::load(repo)?;
                post(repo, &ctx, &draft)
            })
            .map_err(|e: abri::ledger::LedgerError| e.to_string())
            .expect("pièce");
    }
    let out = abri(
        &db,
        &[
            "balance",
            "--du",
            "01/02/2026",
            "--au",
            "28/02/2026",
            "--auxiliaire",
            "--csv",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    let lines: Vec<&str> = text.trim_start_matches('\u{feff}').lines().collect();
    assert_eq!(
        lines,
        vec![
            "compte;tiers;solde_anterieur_debit;solde_anterieur_credit;debit_periode;credit_periode;nouveau_solde_debit;nouveau_solde_credit",
            "411000000;LOC002;0,00;0,00;0,00;1234,56;0,00;1234,56",
            "512000000;;0,00;0,00;1234,56;0,00;1234,56;0,00",
            "Total;;0,00;0,00;1234,56;1234,56;1234,56;1234,56",
        ]
    );
    // Avant la période, la pièce est dans le solde antérieur.
    let later = stdout(&abri(
        &db,
        &[
            "balance",
            "--du",
            "01/03/2026",
            "--au",
            "31/03/2026",
            "--csv",
        ],
    ));
    assert!(
        later.contains("\r\n512000000;;1234,56;0,00;0,00;0,00;1234,56;0,00\r\n"),
        "{later}"
    );
    let bad = abri(
        &db,
        &["balance", "--du", "01/03/2026", "--au", "01/02/2026"],
    );
    assert_eq!(bad.status.code(), Some(1));
    assert!(stderr(&bad).contains("--au est antérieur à --du"));
    assert!(abri(&db, &["verifier"]).status.success());
}

#[test]
fn export_fec_from_the_command_line() {
    let dir = tempfile::tempdir().expect("dossier");
    let db = dir.path().join("d.sqlite");
    assert!(abri(&db, &["demo", "--sans-historique"]).status.success());
    let out = abri(
        &db,
        &[
            "export",
            "fec",
            "--au",
            "31/01/2026",
            "--siren",
            "443 061 841",
            "-o",
            dir.path().to_str().expect("chemin"),
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let file = dir.path().join("443061841FEC20260131.txt");
    let text = std::fs::read_to_string(&file).expect("fichier FEC nommé SIREN + FEC + date");
    // Janvier 2026 dans fixtures/demo/pieces.csv : 6 + 2 + 2 + 2 + 2 + 4 = 18 écritures.
    assert_eq!(text.lines().count(), 1 + 18);
    assert!(
        stdout(&out).ends_with(": 18 écriture(s).\n"),
        "{}",
        stdout(&out)
    );
    let bad = abri(
        &db,
        &[
            "export",
            "fec",
            "--au",
            "31/01/2026",
            "--siren",
            "443061842",
            "-o",
            "/tmp",
        ],
    );
    assert_eq!(bad.status.code(), Some(1));
    assert!(
        stderr(&bad).contains("--siren : SIREN invalide"),
        "{}",
        stderr(&bad)
    );
}

#[test]
fn situation_from_the_command_line() {
    let dir = tempfile::tempdir().expect("dossier");
    let db = dir.path().join("d.sqlite");
    assert!(abri(&db, &["demo", "--sans-historique"]).status.success());
    // LOC005 (fixtures/demo/pieces.csv) : reprise 312,40 D au 01/01/2026, réglée le 15/01.
    let out = abri(
        &db,
        &[
            "situation",
            "--du",
            "01/01/2026",
            "--au",
            "31/01/2026",
            "--locataire",
            "LOC005",
            "--csv",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    let lines: Vec<&str> = text.trim_start_matches('\u{feff}').lines().collect();
    assert_eq!(
        lines,
        vec![
            "lot;gestion;compte;date;journal;piece;libelle;debit;credit;solde",
            "Solde antérieur;;;;;;;;;0,00",
            "IMM01-05;LO;411000000;01/01/2026;AN;2026000001;Arriéré LEROY;312,40;0,00;-312,40",
            "IMM01-05;LO;411000000;15/01/2026;BQ;2026000004;Règl. LEROY virement;0,00;312,40;0,00",
            "Nouveau solde;;;;;;;;;0,00",
            "Différé;;;;;;;;;0,00",
            "À payer;;;;;;;;;0,00",
        ]
    );
    // LOC020 : dépôt appelé 400,00, première échéance de 100,00 payée ; l'échéancier du
    // bail (100,00 par avis) laisse 100,00 à payer et 200,00 en différé.
    let deposit = stdout(&abri(
        &db,
        &[
            "situation",
            "--du",
            "01/01/2026",
            "--au",
            "28/02/2026",
            "--locataire",
            "LOC020",
            "--csv",
        ],
    ));
    assert!(
        deposit.ends_with(
            "Nouveau solde;;;;;;;;;-300,00\r\nDifféré;;;;;;;;;200,00\r\nÀ payer;;;;;;;;;100,00\r\n"
        ),
        "{deposit}"
    );
    // Compte 512000000 en février : antérieur 18 450 + 500 + 312,40 + 100 + 0 = 19 362,40 ;
    // virement CAF 540,00 ; nouveau solde 19 902,40.
    let bank = stdout(&abri(
        &db,
        &[
            "situation",
            "--du",
            "01/02/2026",
            "--au",
            "28/02/2026",
            "--compte",
            "512000000",
            "--csv",
        ],
    ));
    let bank: Vec<&str> = bank.trim_start_matches('\u{feff}').lines().collect();
    assert_eq!(bank[1], "Solde antérieur;;;;;;19362,40;0,00");
    assert_eq!(
        bank[2],
        "512000000;;10/02/2026;BQ;2026000008;Virement CAF de Paris janvier;540,00;0,00"
    );
    assert_eq!(bank[5], "Nouveau solde;;;;;;19902,40;0,00");
    let unknown = abri(
        &db,
        &[
            "situation",
            "--du",
            "01/01/2026",
            "--au",
            "31/01/2026",
            "--locataire",
            "PERSONNE",
        ],
    );
    assert_eq!(unknown.status.code(), Some(1));
    assert!(stderr(&unknown).contains("locataire « PERSONNE » inconnu"));
    let bad_kind = abri(
        &db,
        &[
            "situation",
            "--du",
            "01/01/2026",
            "--au",
            "31/01/2026",
            "--type-tiers",
            "chat",
        ],
    );
    assert!(
        stderr(&bad_kind)
            .contains("--type-tiers : « chat » : valeur inconnue pour le type de tiers"),
        "{}",
        stderr(&bad_kind)
    );
}

#[test]
fn piece_saisir_by_template_with_allocation() {
    let dir = tempfile::tempdir().expect("dossier");
    let db = dir.path().join("d.sqlite");
    assert!(abri(&db, &["demo", "--sans-historique"]).status.success());
    let count = || -> i64 {
        rusqlite::Connection::open(&db)
            .expect("base")
            .query_row("SELECT count(*) FROM voucher", [], |r| r.get(0))
            .expect("comptage")
    };
    let before = count();
    // LOC013 doit 35,00 hors loyer (facture DV13 du 02/02/2026) et rien au loyer : un
    // règlement de 100,00 solde le hors loyer et met 65,00 au crédit du loyer.
    let args = [
        "piece",
        "saisir",
        "--modele",
        "Loc_REGL",
        "--date",
        "03/03/2026",
        "--tiers",
        "LOC013",
        "--montant",
        "100,00",
        "--mode",
        "cheque",
        "--reference",
        "CHQ 99",
    ];
    let mut simulation = args.to_vec();
    simulation.push("--simulation");
    let sim = abri(&db, &simulation);
    assert!(sim.status.success(), "{}", stderr(&sim));
    assert!(stdout(&sim).contains("Simulation : la pièce est valide, rien n'a été enregistré."));
    assert_eq!(count(), before, "la simulation n'écrit rien");

    let out = abri(&db, &args);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).ends_with("Pièce 2026000009 enregistrée.\n"),
        "{}",
        stdout(&out)
    );
    assert_eq!(count(), before + 1);
    let situation = stdout(&abri(
        &db,
        &[
            "situation",
            "--du",
            "01/03/2026",
            "--au",
            "31/03/2026",
            "--locataire",
            "LOC013",
            "--csv",
        ],
    ));
    assert!(
        situation.contains(
            ";LO;411000000;03/03/2026;BQ;2026000009;Règl. Mme ROUSSEAU Nadia;0,00;65,00;"
        ),
        "{situation}"
    );
    assert!(
        situation.contains(
            ";DV;411600000;03/03/2026;BQ;2026000009;Règl. Mme ROUSSEAU Nadia;0,00;35,00;"
        ),
        "{situation}"
    );
    assert!(
        situation.contains("Nouveau solde;;;;;;;;;65,00"),
        "{situation}"
    );

    let locked = abri(
        &db,
        &[
            "piece",
            "saisir",
            "--modele",
            "Loc_REGL",
            "--date",
            "03/03/2026",
            "--tiers",
            "LOC010",
            "--location",
            "BAIL010",
            "--montant",
            "5",
        ],
    );
    assert_eq!(locked.status.code(), Some(1));
    assert!(
        stderr(&locked).contains("la location « BAIL010 » est verrouillée"),
        "{}",
        stderr(&locked)
    );
    let bad = abri(
        &db,
        &[
            "piece",
            "saisir",
            "--modele",
            "Loc_REGL",
            "--date",
            "03/03/2026",
            "--tiers",
            "LOC013",
            "--montant",
            "12,345",
        ],
    );
    assert!(
        stderr(&bad).contains("--montant : « 12,345 » a plus de deux décimales"),
        "{}",
        stderr(&bad)
    );
    assert_eq!(count(), before + 1, "les refus n'écrivent rien");
    assert!(abri(&db, &["verifier"]).status.success());
}

#[test]
fn locks_from_the_command_line() {
    let dir = tempfile::tempdir().expect("dossier");
    let db = dir.path().join("d.sqlite");
    assert!(abri(&db, &["demo", "--sans-historique"]).status.success());
    // Délai par défaut 0 : la pièce 2026000003 (règlement DIALLO) est verrouillée.
    let refused = abri(&db, &["piece", "supprimer", "2026000003"]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(
        stderr(&refused)
            .contains("la pièce 2026000003 est verrouillée (délai de modification de 0 jour"),
        "{}",
        stderr(&refused)
    );
    let set = abri(&db, &["verrouillage", "--delai", "100000"]);
    assert_eq!(
        stdout(&set),
        "Clôture des saisies : aucune ; délai de modification : 100000 jour(s).\n"
    );
    assert!(abri(&db, &["piece", "supprimer", "2026000003"])
        .status
        .success());
    let gone = abri(&db, &["piece", "afficher", "2026000003"]);
    assert!(stderr(&gone).contains("pièce 2026000003 inconnue"));
    assert!(
        abri(&db, &["verifier"]).status.success(),
        "le trou de numérotation est justifié"
    );
    // Clôture au 31/01/2026 : la pièce du 15/01 est verrouillée, puis débloquée une fois.
    assert!(abri(&db, &["verrouillage", "--cloture", "31/01/2026"])
        .status
        .success());
    let shown = stdout(&abri(&db, &["piece", "afficher", "2026000004"]));
    assert!(shown.starts_with("Pièce 2026000004 (import), verrouillée : période close : clôture des saisies au 31/01/2026\n"), "{shown}");
    assert!(abri(&db, &["piece", "autoriser", "2026000004"])
        .status
        .success());
    let shown = stdout(&abri(&db, &["piece", "afficher", "2026000004"]));
    assert!(
        shown.starts_with("Pièce 2026000004 (import), édition autorisée pour une modification\n"),
        "{shown}"
    );
    // Une nouvelle pièce dans la période close est refusée.
    let closed = abri(
        &db,
        &[
            "piece",
            "saisir",
            "--modele",
            "Loc_REGL",
            "--date",
            "20/01/2026",
            "--tiers",
            "LOC013",
            "--montant",
            "10",
        ],
    );
    assert!(
        stderr(&closed).contains("période close (clôture des saisies au 31/01/2026)"),
        "{}",
        stderr(&closed)
    );
    let bad = abri(&db, &["verrouillage", "--cloture", "32/01/2026"]);
    assert!(
        stderr(&bad).contains("--cloture : « 32/01/2026 » n'est pas une date valide"),
        "{}",
        stderr(&bad)
    );
    assert!(abri(&db, &["verifier"]).status.success());
}

#[test]
fn help_and_version_are_in_french() {
    let help = abri_bare(&["--help"]);
    assert!(help.status.success());
    let text = stdout(&help);
    assert!(
        text.starts_with(
            "Abri — gestion locative adaptée : comptabilité des locataires, avis, règlements\n\nUtilisation : abri [OPTIONS] [COMMANDE]\n\nCommandes:\n  bailleur  "
        ),
        "{text}"
    );
    assert!(
        text.contains("\n  -h, --help             Affiche cette aide\n"),
        "{text}"
    );
    assert!(
        text.contains("\n  -V, --version          Affiche la version\n"),
        "{text}"
    );
    assert_no_english(&text);
    assert_eq!(stdout(&abri_bare(&["-h"])), text, "-h comme --help");

    let sub = stdout(&abri_bare(&["generer", "--help"]));
    assert!(
        sub.contains("\nUtilisation : abri generer [OPTIONS] --baux <N>\n"),
        "{sub}"
    );
    assert!(
        sub.contains(
            "--graine <S>       Graine : la même graine donne le même bailleur [par défaut : 1]\n"
        ),
        "{sub}"
    );
    assert_no_english(&sub);
    // Une valeur par défaut vide n'est pas affichée.
    let piece = stdout(&abri_bare(&["piece", "saisir", "--help"]));
    assert!(
        piece.contains("      --journal <REF>          Journal (par défaut celui du modèle)\n"),
        "{piece}"
    );
    assert_no_english(&piece);

    let version = abri_bare(&["--version"]);
    assert!(version.status.success());
    assert_eq!(
        stdout(&version),
        format!("abri {}\n", env!("CARGO_PKG_VERSION"))
    );

    // Une commande sans son action : l'aide de la commande, sur la sortie d'erreur.
    let incomplete = abri_bare(&["piece"]);
    assert_eq!(incomplete.status.code(), Some(1));
    let err = stderr(&incomplete);
    assert!(
        err.starts_with("abri : commande incomplète, choisissez-en une ci-dessous.\n\nPièces comptables\n\nUtilisation : abri piece [OPTIONS] <COMMANDE>\n\nCommandes:\n  saisir "),
        "{err}"
    );
    assert_no_english(&err);
}

#[test]
fn usage_errors_are_in_french() {
    let cases: &[(&[&str], &str)] = &[
        (
            &["liste", "immeubles", "--toto"],
            "abri : argument inattendu « --toto »\n\nUtilisation : abri liste <LISTE>\n\nPour l'aide, ajoutez --help à la commande.\n",
        ),
        (
            &["lsite"],
            "abri : commande inconnue « lsite » ; vouliez-vous dire « liste » ?\n\nUtilisation : abri [OPTIONS] [COMMANDE]\n\nPour l'aide, ajoutez --help à la commande.\n",
        ),
        (
            &["import"],
            "abri : arguments obligatoires manquants : « <LISTE> », « <FICHIER.csv> »\n\nUtilisation : abri import <LISTE> <FICHIER.csv>\n\nPour l'aide, ajoutez --help à la commande.\n",
        ),
        (
            &["piece", "saisir", "--modele", "Loc_REGL", "--date", "01/01/2026", "--montant"],
            "abri : une valeur est attendue après « --montant <MONTANT> »\n\nPour l'aide, ajoutez --help à la commande.\n",
        ),
        (
            &["generer", "--baux", "abc"],
            "abri : valeur « abc » refusée pour « --baux <N> » : un nombre entier positif est attendu (chiffres seulement)\n\nPour l'aide, ajoutez --help à la commande.\n",
        ),
        (
            &["facture", "--location", "B", "--montant", "1", "--reference", "R", "--reference", "S"],
            "abri : « --reference <TEXTE> » ne peut être donné qu'une fois\n\nUtilisation : abri facture [OPTIONS] --location <REF> --montant <MONTANT>\n\nPour l'aide, ajoutez --help à la commande.\n",
        ),
        (
            &["impayes", "-5"],
            "abri : argument inattendu « -5 » : un nombre négatif se colle à son option par un « = » (par exemple --montant=-5)\n\nUtilisation : abri impayes [OPTIONS]\n\nPour l'aide, ajoutez --help à la commande.\n",
        ),
    ];
    for (args, expected) in cases {
        let out = abri_bare(args);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        assert_eq!(&stderr(&out), expected, "{args:?}");
        assert!(out.stdout.is_empty(), "{args:?}");
    }
}

#[test]
fn a_negative_amount_reaches_the_command() {
    let dir = tempfile::tempdir().expect("dossier");
    let db = dir.path().join("d.sqlite");
    assert!(abri(&db, &["demo", "--sans-historique"]).status.success());
    // `--montant -10` n'est pas pris pour une option : la règle du règlement répond.
    let out = abri(
        &db,
        &[
            "reglement",
            "saisir",
            "--locataire",
            "LOC013",
            "--montant",
            "-10",
            "--date-valeur",
            "03/03/2026",
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr(&out),
        "abri : --montant : le montant doit être positif (saisi : -10,00) ; pour rendre de l'argent au locataire, employez le modèle Loc_REMB\n"
    );
}

#[test]
fn a_windows_1252_file_is_imported_and_reported_as_such() {
    let dir = tempfile::tempdir().expect("dossier");
    let db = dir.path().join("d.sqlite");
    assert!(abri(&db, &["demo", "--sans-historique"]).status.success());
    let text =
        "reference;type;nom;ville\r\nFOUR9;fournisseur;Société Électricité Générale;Créteil\r\n";
    let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(text);
    let file = dir.path().join("tiers.csv");
    std::fs::write(&file, &bytes).expect("fichier");
    let out = abri(&db, &["import", "tiers", file.to_str().expect("chemin")]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        "1 fiche(s) importée(s) dans la liste tiers (fichier lu en Windows-1252).\n"
    );
    let list = stdout(&abri(&db, &["liste", "tiers", "--csv"]));
    assert!(
        list.contains("\r\nFOUR9;fournisseur;Société Électricité Générale;;;Créteil;;;FOUR9\r\n"),
        "{list}"
    );
    // Un octet qui n'est d'aucun des deux codages : refus avec sa ligne, rien d'écrit.
    std::fs::write(
        &file,
        b"reference;type;nom\nFOUR8;fournisseur;Soci\x81t\xE9\n",
    )
    .expect("fichier");
    let bad = abri(&db, &["import", "tiers", file.to_str().expect("chemin")]);
    assert_eq!(bad.status.code(), Some(1));
    assert_eq!(
        stderr(&bad),
        "abri : fichier refusé, rien n'a été importé — ligne 2 : octet 0x81 qui n'est ni de l'UTF-8 ni du Windows-1252 : réenregistrez le fichier en « CSV UTF-8 »\n"
    );
}
