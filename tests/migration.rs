//! Versions du schéma : création, réouverture, montée de version transactionnelle,
//! refus d'une base trop récente ou étrangère.

use abri::store::migrate::{migrate, Migration, SCHEMA_VERSION};
use abri::store::{Store, StoreError};
use rusqlite::Connection;

/// Schéma d'une base : ses objets (tables, index, triggers), sans les espaces.
fn schema_of(conn: &Connection) -> Vec<(String, String)> {
    let mut stmt = conn
        .prepare("SELECT name, sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY type, name")
        .expect("schéma");
    let rows = stmt
        .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))
        .expect("lecture du schéma");
    rows.map(|r| r.expect("ligne"))
        .map(|(n, sql)| (n, sql.split_whitespace().collect::<Vec<_>>().join(" ")))
        .collect()
}

#[test]
fn a_new_database_is_at_the_current_version_and_reopens() {
    let dir = tempfile::tempdir().expect("dossier temporaire");
    let path = dir.path().join("neuve.sqlite");
    drop(Store::open(&path).expect("création"));
    let store = Store::open(&path).expect("réouverture");
    assert_eq!(store.schema_version().expect("version"), SCHEMA_VERSION);
    assert_eq!(SCHEMA_VERSION, 12);
}

/// Une base créée par la version 1 du schéma (copie figée dans tests/fixtures) s'ouvre
/// avec le code courant : elle est montée à la version courante, ses données sont intactes et
/// son schéma est celui d'une base neuve.
#[test]
fn a_database_created_at_version_1_opens_with_the_current_code() {
    let dir = tempfile::tempdir().expect("dossier temporaire");
    let path = dir.path().join("v1.sqlite");
    {
        let conn = Connection::open(&path).expect("base v1");
        conn.execute_batch(include_str!("fixtures/schema-v1.sql"))
            .expect("schéma v1");
        conn.pragma_update(None, "user_version", 1)
            .expect("version 1");
        conn.execute(
            "INSERT INTO landlord (code, name) VALUES ('ANCIEN', 'Bailleur ancien')",
            [],
        )
        .expect("bailleur");
        conn.execute(
            "INSERT INTO building (landlord_id, reference, start_date, analytic, street, postcode, city)
             VALUES (1, 'IMM01', '2020-01-01', 'IMM01', '1 rue Haute', '75001', 'Paris')",
            [],
        )
        .expect("immeuble");
    }
    let store = Store::open(&path).expect("ouverture et migration");
    assert_eq!(store.schema_version().expect("version"), SCHEMA_VERSION);
    let session = store.session(Some("ANCIEN"), "test").expect("session");
    let buildings = store.read(&session).buildings().expect("immeubles");
    assert_eq!(buildings.len(), 1);
    assert_eq!(buildings[0].city, "Paris");
    // Les objets des versions 2 à 4 sont là.
    let conn = store.connection();
    assert!(columns_of(conn, "voucher").contains(&"number".to_string()));
    assert!(columns_of(conn, "document").contains(&"number".to_string()));
    assert!(columns_of(conn, "lease").contains(&"notes".to_string()));
    assert!(columns_of(conn, "allocation_key").contains(&"total_shares".to_string()));
    assert!(columns_of(conn, "allocation_share").contains(&"shares".to_string()));
    assert!(store.verify().expect("vérification").is_empty());
    let fresh = Store::open_in_memory().expect("base neuve");
    assert_eq!(
        schema_of(store.connection()),
        schema_of(fresh.connection()),
        "schéma migré = schéma neuf"
    );
}

#[test]
fn an_older_database_is_upgraded_inside_one_transaction() {
    let mut conn = Connection::open_in_memory().expect("base");
    migrate(&mut conn, &[]).expect("création en version 1");
    conn.execute(
        "INSERT INTO landlord (code, name) VALUES ('B1', 'Bailleur un')",
        [],
    )
    .expect("ligne");
    const STEPS: &[Migration] = &[
        Migration {
            to: 2,
            sql: "ALTER TABLE landlord ADD COLUMN website TEXT NOT NULL DEFAULT '';",
        },
        Migration {
            to: 3,
            sql: "UPDATE landlord SET website = 'https://' || lower(code) || '.example';",
        },
    ];
    migrate(&mut conn, STEPS).expect("montée 1 → 3");
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .expect("version");
    assert_eq!(version, 3);
    let site: String = conn
        .query_row("SELECT website FROM landlord", [], |r| r.get(0))
        .expect("colonne ajoutée");
    assert_eq!(site, "https://b1.example");
}

#[test]
fn a_failing_migration_leaves_the_database_untouched() {
    let mut conn = Connection::open_in_memory().expect("base");
    migrate(&mut conn, &[]).expect("création en version 1");
    const STEPS: &[Migration] = &[
        Migration {
            to: 2,
            sql: "ALTER TABLE landlord ADD COLUMN website TEXT;",
        },
        Migration {
            to: 3,
            sql: "ALTER TABLE table_absente ADD COLUMN x TEXT;",
        },
    ];
    let err = migrate(&mut conn, STEPS).expect_err("la 2e étape échoue");
    assert!(
        matches!(err, StoreError::Migration { from: 2, to: 3, .. }),
        "{err}"
    );
    assert!(
        err.to_string().contains("la base est restée intacte"),
        "{err}"
    );
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .expect("version");
    assert_eq!(version, 1, "la version ne bouge pas");
    let has_website: i64 = conn
        .query_row(
            "SELECT count(*) FROM pragma_table_info('landlord') WHERE name = 'website'",
            [],
            |r| r.get(0),
        )
        .expect("colonnes");
    assert_eq!(has_website, 0, "l'étape 2 a été annulée avec la 3");
}

#[test]
fn a_newer_database_is_refused_with_a_clear_message() {
    let dir = tempfile::tempdir().expect("dossier temporaire");
    let path = dir.path().join("futur.sqlite");
    drop(Store::open(&path).expect("création"));
    Connection::open(&path)
        .expect("base")
        .pragma_update(None, "user_version", 99)
        .expect("version");
    let err = Store::open(&path).err().expect("refus");
    assert_eq!(
        err.to_string(),
        "ce fichier a été créé par une version plus récente d'Abri (schéma 99, cette version connaît le schéma 12) : mettez Abri à jour avant de l'ouvrir"
    );
}

#[test]
fn a_foreign_sqlite_file_is_not_taken_for_an_abri_database() {
    let dir = tempfile::tempdir().expect("dossier temporaire");
    let path = dir.path().join("autre.sqlite");
    Connection::open(&path)
        .expect("base")
        .execute("CREATE TABLE t (x)", [])
        .expect("table");
    let err = Store::open(&path).err().expect("refus");
    assert!(matches!(err, StoreError::NotAbri), "{err}");
}

#[test]
fn the_schema_sections_are_the_migrations_and_match_the_version() {
    let steps = abri::store::migrate::migrations();
    assert_eq!(
        steps.iter().map(|m| m.to).collect::<Vec<_>>(),
        vec![2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]
    );
    assert_eq!(steps.last().map(|m| m.to), Some(SCHEMA_VERSION));
    assert!(steps[0].sql.contains("CREATE TABLE voucher"));
    assert!(
        !steps[0].sql.contains("CREATE TABLE landlord ("),
        "la section 2 ne recrée pas la version 1"
    );
    assert!(steps[1].sql.contains("CREATE TABLE document ("));
    assert!(!steps[1].sql.contains("CREATE TABLE voucher ("));
    assert!(steps[2].sql.contains("CREATE TABLE allocation_key ("));
    assert!(steps[2].sql.contains("ALTER TABLE lease ADD COLUMN notes"));
    assert!(!steps[2].sql.contains("CREATE TABLE document ("));
    assert!(steps[3].sql.contains("PRAGMA writable_schema = ON"));
    assert!(steps[3].sql.contains("PRAGMA writable_schema = RESET"));
    assert!(steps[4].sql.contains("DROP INDEX entry_tiers;"));
    assert!(!steps[4].sql.contains("CREATE INDEX entry_tiers"));
    assert!(steps[5].sql.contains("CREATE TABLE debit_file ("));
    assert!(!steps[5].sql.contains("DROP INDEX"));
}

/// Colonnes d'une table.
fn columns_of(conn: &Connection, table: &str) -> Vec<String> {
    let mut stmt = conn
        .prepare("SELECT name FROM pragma_table_info(?1) ORDER BY cid")
        .expect("colonnes");
    let rows = stmt
        .query_map([table], |r| r.get::<_, String>(0))
        .expect("lecture des colonnes");
    rows.map(|r| r.expect("colonne")).collect()
}

/// Une base en version 3 (schéma v1 figé, puis les sections 2 et 3 de `schema.sql`, déjà
/// publiées) avec une location, s'ouvre en version 4 : la location garde tout et reçoit des
/// notes vides ; les clés de répartition apparaissent, vides, et s'emploient aussitôt.
#[test]
fn a_version_3_database_gains_lease_notes_and_allocation_keys_and_keeps_its_data() {
    let dir = tempfile::tempdir().expect("dossier temporaire");
    let path = dir.path().join("v3.sqlite");
    {
        let conn = database_at_version(&path, 3);
        let version: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .expect("version");
        assert_eq!(version, 3);
        assert!(!columns_of(&conn, "lease").contains(&"notes".to_string()));
        conn.execute_batch(
            "INSERT INTO landlord (code, name) VALUES ('ANCIEN', 'Bailleur ancien');
             INSERT INTO building (landlord_id, reference, start_date, analytic, street, postcode, city)
                 VALUES (1, 'IMM01', '2020-01-01', 'IMM01', '1 rue Haute', '75001', 'Paris');
             INSERT INTO unit (landlord_id, reference, building_id, start_date, nature, usage, form)
                 VALUES (1, 'IMM01-01', 1, '2020-01-01', 'Appartement', 'Habitation', 'Collectif');
             INSERT INTO third_party (landlord_id, reference, kind, name) VALUES (1, 'LOC01', 'locataire', 'DUPONT');
             INSERT INTO tenant (landlord_id, reference, third_party_id, surname, followup_start, state)
                 VALUES (1, 'LOC01', 1, 'DUPONT', '2020-01-01', 'locataire');
             INSERT INTO lease (landlord_id, reference, unit_id, tenant_id, contract_type, term, payment_mode, start_date)
                 VALUES (1, 'BAIL01', 1, 1, 'temporaire', 'a_echoir', 'cheque', '2020-02-01');",
        )
        .expect("données v3");
    }
    let mut store = Store::open(&path).expect("ouverture et migration 3 → 5");
    assert_eq!(store.schema_version().expect("version"), SCHEMA_VERSION);
    let conn = store.connection();
    assert!(columns_of(conn, "lease").contains(&"notes".to_string()));
    assert_eq!(
        columns_of(conn, "allocation_key"),
        [
            "id",
            "landlord_id",
            "building_id",
            "code",
            "label",
            "ord",
            "total_shares"
        ]
    );
    assert_eq!(
        columns_of(conn, "allocation_share"),
        ["id", "landlord_id", "key_id", "unit_id", "shares"]
    );
    let session = store.session(Some("ANCIEN"), "test").expect("session");
    let leases = store.read(&session).leases().expect("locations");
    assert_eq!(leases.len(), 1);
    assert_eq!(leases[0].reference, "BAIL01");
    assert_eq!(leases[0].unit, "IMM01-01");
    assert_eq!(leases[0].notes, "", "notes vides par défaut");
    assert!(store
        .read(&session)
        .allocation_keys()
        .expect("clés")
        .is_empty());
    // La base migrée accepte notes et clés.
    let mut lease = leases[0].clone();
    lease.notes = "Première note\nseconde ligne".into();
    let key = abri::model::AllocationKey {
        building: "IMM01".into(),
        code: "TANT".into(),
        label: "Charges générales".into(),
        order: 0,
        total_shares: 100,
        shares: vec![abri::model::UnitShare {
            unit: "IMM01-01".into(),
            shares: 100,
        }],
    };
    store
        .write(&session, "test", |repo| {
            repo.update_lease("BAIL01", &lease)?;
            repo.insert_allocation_key(&key)
        })
        .expect("écriture en version 4");
    let repo = store.read(&session);
    assert_eq!(
        repo.leases().expect("locations")[0].notes,
        "Première note\nseconde ligne"
    );
    assert_eq!(repo.allocation_keys().expect("clés"), vec![key]);
    assert!(store.verify().expect("vérification").is_empty());
    let fresh = Store::open_in_memory().expect("base neuve");
    assert_eq!(
        schema_of(store.connection()),
        schema_of(fresh.connection()),
        "schéma migré = schéma neuf"
    );
}

/// Base au schéma v1 figé, montée à `version` par les sections publiées de `schema.sql`.
fn database_at_version(path: &std::path::Path, version: i64) -> Connection {
    let mut conn = Connection::open(path).expect("base");
    conn.execute_batch(include_str!("fixtures/schema-v1.sql"))
        .expect("schéma v1");
    conn.pragma_update(None, "user_version", 1)
        .expect("version 1");
    let steps: Vec<Migration> = abri::store::migrate::migrations()
        .into_iter()
        .filter(|m| m.to <= version)
        .collect();
    migrate(&mut conn, &steps).expect("montée depuis la version 1");
    conn
}

/// Texte de création d'une table.
fn table_sql(conn: &Connection, table: &str) -> String {
    conn.query_row(
        "SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = ?1",
        [table],
        |r| r.get(0),
    )
    .expect("texte de la table")
}

/// Listes « IN (…) » de plus de deux valeurs (SQLite en fait une table temporaire ; à
/// deux valeurs, deux comparaisons).
fn long_value_lists(sql: &str) -> Vec<&str> {
    sql.match_indices(" IN (")
        .filter_map(|(at, _)| {
            let list = &sql[at..];
            let list = &list[..list.find(')').unwrap_or(list.len())];
            (list.matches(',').count() >= 2).then_some(list)
        })
        .collect()
}

/// Message d'erreur d'une insertion qui doit échouer.
fn refusal(conn: &Connection, sql: &str) -> String {
    match conn.execute(sql, []) {
        Ok(_) => panic!("insertion acceptée : {sql}"),
        Err(e) => e.to_string(),
    }
}

/// Version 4 → 5 : les listes de valeurs permises des pièces, du journal des pièces, des
/// documents et de leurs lignes sont réécrites en comparaisons ; elles refusent toujours
/// une valeur hors liste et acceptent chacune des valeurs permises, et les données déjà
/// là ne bougent pas.
#[test]
fn version_5_rewrites_the_value_lists_and_they_still_refuse_unknown_values() {
    let dir = tempfile::tempdir().expect("dossier temporaire");
    let path = dir.path().join("v4.sqlite");
    {
        let conn = database_at_version(&path, 4);
        assert!(
            table_sql(&conn, "document").contains("kind IN ('avis', 'depot', 'facture', 'avoir')")
        );
        conn.execute_batch(
            "INSERT INTO landlord (code, name) VALUES ('ANCIEN', 'Bailleur ancien');
             INSERT INTO ledger_event (landlord_id, number, kind, at, user_login, content_hash, prev_hash, hash)
                 VALUES (1, '0000000001', 'creation', '2024-01-01T00:00:00', 'test', 'c', '', 'h');",
        )
        .expect("données v4");
    }
    let store = Store::open(&path).expect("ouverture et migration 4 → 5 → 6");
    assert_eq!(store.schema_version().expect("version"), SCHEMA_VERSION);
    let conn = store.connection();
    for table in ["voucher", "ledger_event", "document", "document_line"] {
        let sql = table_sql(conn, table);
        assert_eq!(long_value_lists(&sql), Vec::<&str>::new(), "{table}");
    }
    assert!(table_sql(conn, "document")
        .contains("(kind = 'avis' OR kind = 'depot' OR kind = 'facture' OR kind = 'avoir'"));
    // Le journal des pièces garde son événement, et ses règles d'ajout seul.
    let kinds: Vec<String> = conn
        .prepare("SELECT kind FROM ledger_event")
        .expect("événements")
        .query_map([], |r| r.get(0))
        .expect("lecture")
        .map(|r| r.expect("ligne"))
        .collect();
    assert_eq!(kinds, ["creation"]);
    assert!(refusal(conn, "DELETE FROM ledger_event").contains("ne peut pas être supprimé"));

    let check = "CHECK constraint failed";
    let event = |kind: &str| {
        format!(
            "INSERT INTO ledger_event (landlord_id, number, kind, at, user_login, content_hash, prev_hash, hash)
             VALUES (1, '0000000002', '{kind}', '2024-01-01T00:00:00', 'test', 'c', 'h', 'h2')"
        )
    };
    assert!(refusal(conn, &event("creer")).contains(check));
    for kind in ["creation", "modification", "suppression"] {
        conn.execute(&event(kind), []).expect("événement permis");
    }
    // Pièce : mode de règlement vide ou permis ; la clé étrangère (journal 99 absent) ne
    // se plaint qu'une fois la contrainte passée.
    let voucher = |mode: &str| {
        format!(
            "INSERT INTO voucher (landlord_id, number, journal_id, value_date, payment_mode, created_at, created_by)
             VALUES (1, '0000000003', 99, '2024-01-01', {mode}, 'x', 'test')"
        )
    };
    assert!(refusal(conn, &voucher("'carte'")).contains(check));
    for mode in [
        "NULL",
        "'cheque'",
        "'especes'",
        "'virement'",
        "'prelevement'",
    ] {
        assert!(
            refusal(conn, &voucher(mode)).contains("FOREIGN KEY"),
            "{mode}"
        );
    }
    let document = |kind: &str| {
        format!(
            "INSERT INTO document (landlord_id, number, kind, lease_id, value_date, created_at, created_by)
             VALUES (1, 'A2024000001', '{kind}', 99, '2024-01-01', 'x', 'test')"
        )
    };
    assert!(refusal(conn, &document("relance")).contains(check));
    for kind in ["avis", "depot", "facture", "avoir"] {
        assert!(
            refusal(conn, &document(kind)).contains("FOREIGN KEY"),
            "{kind}"
        );
    }
    let line = |gestion: &str, purpose: &str| {
        format!(
            "INSERT INTO document_line (document_id, line_no, section, gestion, purpose)
             VALUES (99, 1, 'periode', {gestion}, {purpose})"
        )
    };
    assert!(refusal(conn, &line("'XX'", "'FAC'")).contains(check));
    assert!(refusal(conn, &line("'LO'", "'ABC'")).contains(check));
    for gestion in ["NULL", "'LO'", "'DG'", "'DV'", "'EV'"] {
        for purpose in ["NULL", "'FAC'", "'ECH'", "'INF'"] {
            assert!(
                refusal(conn, &line(gestion, purpose)).contains("FOREIGN KEY"),
                "{gestion} {purpose}"
            );
        }
    }
    // Ce que la réécriture apporte : plus de table temporaire construite par insertion.
    for insert in [
        event("creation"),
        voucher("'cheque'"),
        document("avis"),
        line("'LO'", "'FAC'"),
    ] {
        let opcodes: Vec<String> = conn
            .prepare(&format!("EXPLAIN {insert}"))
            .expect("plan")
            .query_map([], |r| r.get(1))
            .expect("lecture du plan")
            .map(|r| r.expect("instruction"))
            .collect();
        assert!(!opcodes.iter().any(|o| o == "OpenEphemeral"), "{insert}");
    }
    let fresh = Store::open_in_memory().expect("base neuve");
    assert_eq!(
        schema_of(store.connection()),
        schema_of(fresh.connection()),
        "schéma migré = schéma neuf"
    );
}

/// La base a-t-elle cet index ?
fn has_index(conn: &Connection, name: &str) -> bool {
    conn.query_row(
        "SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND name = ?1",
        [name],
        |r| r.get::<_, i64>(0),
    )
    .expect("index")
        > 0
}

/// Version 5 → 6 : l'index des écritures par tiers disparaît (les écritures d'un tiers
/// se lisent par l'index des soldes) ; les écritures déjà là restent, et la situation
/// d'un locataire les retrouve.
#[test]
fn version_6_drops_the_tiers_index_and_the_tenant_still_finds_his_entries() {
    let dir = tempfile::tempdir().expect("dossier temporaire");
    let path = dir.path().join("v5.sqlite");
    {
        let conn = database_at_version(&path, 5);
        assert!(
            has_index(&conn, "entry_tiers"),
            "la version 5 a l'index des tiers"
        );
        conn.execute_batch(
            "INSERT INTO landlord (code, name) VALUES ('ANCIEN', 'Bailleur ancien');
             INSERT INTO third_party (landlord_id, reference, kind, name) VALUES (1, 'LOC001', 'locataire', 'Mme Durand');
             INSERT INTO account (landlord_id, reference, label, start_date, collective, normal_side)
                 VALUES (1, '411000', 'Locataires', '2024-01-01', 1, 'D'), (1, '706000', 'Loyers', '2024-01-01', 0, 'C');
             INSERT INTO journal (landlord_id, reference, label, kind, start_date) VALUES (1, 'LO', 'Loyers', 'ventes', '2024-01-01');
             INSERT INTO voucher (landlord_id, number, journal_id, value_date, label, tiers_id, created_at, created_by)
                 VALUES (1, '0000000001', 1, '2024-03-01', 'Avis mars', 1, '2024-03-01T00:00:00', 'test');
             INSERT INTO entry (landlord_id, voucher_id, line_no, account_id, tiers_id, debit, credit, value_date)
                 VALUES (1, 1, 1, 1, 1, 73000, 0, '2024-03-01'), (1, 1, 2, 2, NULL, 0, 73000, '2024-03-01');
             UPDATE voucher SET sealed = 1 WHERE id = 1;",
        )
        .expect("données v5");
    }
    let store = Store::open(&path).expect("ouverture et migration 5 → 6");
    assert_eq!(store.schema_version().expect("version"), SCHEMA_VERSION);
    assert!(!has_index(store.connection(), "entry_tiers"));
    let session = store.session(Some("ANCIEN"), "test").expect("session");
    let lines = store
        .read(&session)
        .tiers_lines("LOC001", None)
        .expect("écritures du tiers");
    assert_eq!(lines.len(), 1, "seule la ligne du tiers : {lines:?}");
    assert_eq!(lines[0].account, "411000");
    assert_eq!(lines[0].debit, abri::model::money::from_cents(73000));
}

/// L'index partiel des pièces d'avis et la requête du dernier avis écrivent l'origine en
/// toutes lettres : elle doit rester celle que le grand livre donne aux pièces d'avis.
#[test]
fn the_notice_index_names_the_origin_the_ledger_gives_to_notices() {
    let schema = include_str!("../schema.sql");
    let index = format!(
        "CREATE INDEX voucher_notice ON voucher(tiers_id, value_date) WHERE origin = '{}';",
        abri::ledger::NOTICE_ORIGIN
    );
    assert!(schema.contains(&index), "{index}");
}

/// Version 6 → 7 : les tables des fichiers de prélèvements apparaissent, vides ; les
/// fiches déjà là restent ; le schéma migré est celui d'une base neuve ; un fichier et
/// ses prélèvements s'y enregistrent, et une référence de bout en bout ne sert qu'une fois.
#[test]
fn version_7_adds_the_debit_files_and_keeps_the_data() {
    let dir = tempfile::tempdir().expect("dossier temporaire");
    let path = dir.path().join("v6.sqlite");
    {
        let conn = database_at_version(&path, 6);
        assert!(!columns_of(&conn, "landlord").is_empty());
        assert!(
            columns_of(&conn, "debit_file").is_empty(),
            "pas en version 6"
        );
        conn.execute_batch(
            "INSERT INTO landlord (code, name) VALUES ('ANCIEN', 'Bailleur ancien');
             INSERT INTO third_party (landlord_id, reference, kind, name) VALUES (1, 'LOC001', 'locataire', 'Mme Durand');",
        )
        .expect("données v6");
    }
    let store = Store::open(&path).expect("ouverture et migration 6 → 7");
    assert_eq!(store.schema_version().expect("version"), SCHEMA_VERSION);
    let conn = store.connection();
    let parties: i64 = conn
        .query_row("SELECT count(*) FROM third_party", [], |r| r.get(0))
        .expect("tiers");
    assert_eq!(parties, 1, "le tiers de la version 6 est toujours là");
    for table in ["debit_file", "debit_file_line"] {
        let rows: i64 = conn
            .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
            .expect("table");
        assert_eq!(rows, 0, "{table}");
    }
    assert!(columns_of(conn, "debit_file_line").contains(&"end_to_end_id".to_string()));
    assert!(has_index(conn, "debit_file_line_mandate"));
    let fresh = Store::open_in_memory().expect("base neuve");
    assert_eq!(
        schema_of(conn),
        schema_of(fresh.connection()),
        "schéma migré = schéma neuf"
    );
    // Le montant se compte en centimes entiers, la date de prélèvement est une date.
    let file = |sum: &str, date: &str| {
        format!(
            "INSERT INTO debit_file (landlord_id, msg_id, created_at, created_by, collection_date, pain_version, debit_count, control_sum)
             VALUES (1, 'ANCIEN-1', 'x', 'test', '{date}', '001.08', 1, {sum})"
        )
    };
    assert!(refusal(conn, &file("12.5", "2026-12-15")).contains("CHECK"));
    assert!(refusal(conn, &file("1250", "15/12/2026")).contains("CHECK"));
}

/// Version 7 → 8 : les retours de la banque et les suites des prélèvements apparaissent,
/// vides ; un fichier de prélèvements déjà enregistré reste ; le schéma migré est celui
/// d'une base neuve ; un prélèvement n'est réglé qu'une fois.
#[test]
fn version_8_adds_the_bank_returns_and_keeps_the_debit_files() {
    let dir = tempfile::tempdir().expect("dossier temporaire");
    let path = dir.path().join("v7.sqlite");
    {
        let conn = database_at_version(&path, 7);
        assert!(
            columns_of(&conn, "debit_return").is_empty(),
            "pas en version 7"
        );
        conn.execute_batch(
            "INSERT INTO landlord (code, name) VALUES ('ANCIEN', 'Bailleur ancien');
             INSERT INTO debit_file (landlord_id, msg_id, created_at, created_by, collection_date, pain_version, debit_count, control_sum)
                 VALUES (1, 'ANCIEN-1', '2026-11-20T10:00:00', 'test', '2026-12-05', '001.08', 1, 35000);",
        )
        .expect("données v7");
    }
    let store = Store::open(&path).expect("ouverture et migration 7 → 8");
    assert_eq!(store.schema_version().expect("version"), SCHEMA_VERSION);
    let conn = store.connection();
    let files: i64 = conn
        .query_row("SELECT count(*) FROM debit_file", [], |r| r.get(0))
        .expect("fichiers");
    assert_eq!(files, 1, "le fichier de la version 7 est toujours là");
    for table in ["debit_return", "debit_outcome"] {
        let rows: i64 = conn
            .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
            .expect("table");
        assert_eq!(rows, 0, "{table}");
    }
    let fresh = Store::open_in_memory().expect("base neuve");
    assert_eq!(
        schema_of(conn),
        schema_of(fresh.connection()),
        "schéma migré = schéma neuf"
    );
    let ret = "INSERT INTO debit_return (landlord_id, msg_id, kind, version, content_hash, imported_at, imported_by)
               VALUES (1, 'BQ-1', 'camt.054', '001.08', printf('%064d', 0), 'x', 'test')";
    conn.execute(ret, []).expect("retour");
    assert!(refusal(conn, ret).contains("UNIQUE"), "un MsgId une fois");
}

/// Version 9 (révision des loyers) : les conditions de révision et la marque des
/// trimestres d'indice employés ; les indices de la version 7 restent, non employés.
#[test]
fn version_9_adds_the_revision_terms_and_keeps_the_indices() {
    let dir = tempfile::tempdir().expect("dossier temporaire");
    let path = dir.path().join("v8.sqlite");
    {
        let conn = database_at_version(&path, 8);
        assert!(
            columns_of(&conn, "revision_terms").is_empty(),
            "pas en version 8"
        );
        conn.execute_batch(
            "INSERT INTO rent_index (series, year, quarter, value_hundredths) VALUES ('IRL', 2024, 3, 14451);",
        )
        .expect("données v8");
    }
    let store = Store::open(&path).expect("ouverture et migration 8 → 9");
    assert_eq!(store.schema_version().expect("version"), SCHEMA_VERSION);
    let conn = store.connection();
    let used: i64 = conn
        .query_row("SELECT used FROM rent_index WHERE year = 2024", [], |r| {
            r.get(0)
        })
        .expect("indice de la version 8");
    assert_eq!(used, 0);
    assert!(columns_of(conn, "revision_terms").contains(&"dpe_class".to_string()));
    let fresh = Store::open_in_memory().expect("base neuve");
    assert_eq!(
        schema_of(conn),
        schema_of(fresh.connection()),
        "schéma migré = schéma neuf"
    );
}

/// Version 9 → 10 (S14) : les motifs de sortie décès, expulsion et autre, le document
/// « solde », la table des sorties (remise des clés, état des lieux) ; le schéma migré
/// est celui d'une base neuve et une valeur hors liste reste refusée.
#[test]
fn version_10_adds_the_move_out_reasons_the_settlement_document_and_the_exits() {
    let dir = tempfile::tempdir().expect("dossier temporaire");
    let path = dir.path().join("v9.sqlite");
    {
        let conn = database_at_version(&path, 9);
        assert!(
            columns_of(&conn, "lease_exit").is_empty(),
            "pas en version 9"
        );
    }
    let store = Store::open(&path).expect("ouverture et migration 9 → 10");
    assert_eq!(store.schema_version().expect("version"), SCHEMA_VERSION);
    let conn = store.connection();
    assert!(table_sql(conn, "lease").contains("'deces', 'expulsion', 'autre'"));
    assert!(table_sql(conn, "document").contains("kind = 'solde'"));
    assert!(columns_of(conn, "lease_exit").contains(&"keys_returned".to_string()));
    let fresh = Store::open_in_memory().expect("base neuve");
    assert_eq!(
        schema_of(conn),
        schema_of(fresh.connection()),
        "schéma migré = schéma neuf"
    );
    conn.execute_batch("INSERT INTO landlord (code, name) VALUES ('ANCIEN', 'Bailleur ancien');")
        .expect("bailleur");
    let exit = |inventory: &str| {
        format!("INSERT INTO lease_exit (landlord_id, lease_id, inventory) VALUES (1, 99, '{inventory}')")
    };
    assert!(refusal(conn, &exit("mauvais")).contains("CHECK"));
}

/// Version 10 → 11 : les tables des fichiers CAF traités et des états CAF apparaissent,
/// vides ; le schéma migré est celui d'une base neuve.
#[test]
fn version_11_adds_the_caf_tables() {
    let dir = tempfile::tempdir().expect("dossier temporaire");
    let path = dir.path().join("v10.sqlite");
    {
        let conn = database_at_version(&path, 10);
        assert!(columns_of(&conn, "caf_run").is_empty(), "pas en version 10");
        conn.execute_batch(
            "INSERT INTO landlord (code, name) VALUES ('ANCIEN', 'Bailleur ancien');",
        )
        .expect("données v10");
    }
    let store = Store::open(&path).expect("ouverture et migration 10 → 11");
    assert_eq!(store.schema_version().expect("version"), SCHEMA_VERSION);
    let conn = store.connection();
    for table in ["caf_run", "caf_status"] {
        let rows: i64 = conn
            .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
            .expect("table");
        assert_eq!(rows, 0, "{table}");
    }
    let fresh = Store::open_in_memory().expect("base neuve");
    assert_eq!(
        schema_of(conn),
        schema_of(fresh.connection()),
        "schéma migré = schéma neuf"
    );
    // Le numéro allocataire se range par ses 7 chiffres, le montant en centimes entiers.
    let status = |key: &str, amount: &str| {
        format!(
            "INSERT INTO caf_status (landlord_id, claimant_key, claimant_no, nature, payer, file_date, amount)
             VALUES (1, '{key}', '1234567A', 'APL', '751', '2026-12-10', {amount})"
        )
    };
    assert!(refusal(conn, &status("1234567A", "100")).contains("CHECK"));
    assert!(refusal(conn, &status("1234567", "1.5")).contains("CHECK"));
}

/// Version 11 → 12 (S11) : les écritures peuvent désigner leur clé de répartition ; les
/// écritures existantes n'en ont pas ; le schéma migré est celui d'une base neuve.
#[test]
fn version_12_lets_entries_name_their_allocation_key() {
    let dir = tempfile::tempdir().expect("dossier temporaire");
    let path = dir.path().join("v11.sqlite");
    {
        let conn = database_at_version(&path, 11);
        assert!(
            !columns_of(&conn, "entry").contains(&"allocation_key_id".to_string()),
            "pas en version 11"
        );
    }
    let store = Store::open(&path).expect("ouverture et migration 11 → 12");
    assert_eq!(store.schema_version().expect("version"), SCHEMA_VERSION);
    let conn = store.connection();
    assert!(columns_of(conn, "entry").contains(&"allocation_key_id".to_string()));
    let fresh = Store::open_in_memory().expect("base neuve");
    assert_eq!(
        schema_of(conn),
        schema_of(fresh.connection()),
        "schéma migré = schéma neuf"
    );
}
