//! Import de fichiers tels que les tableurs les enregistrent : UTF-8 avec ou sans BOM,
//! Windows-1252 (le « CSV » par défaut d'un tableur français) ; refus nommant la ligne
//! des octets qui ne sont d'aucun des deux, des fichiers binaires, des lignes qui n'ont
//! pas autant de valeurs que l'en-tête et des textes trop longs. Rien n'est écrit sur
//! un refus.

mod common;

use abri::formats::csv_lists::TextEncoding;
use abri::model::Tenant;
use abri::store::{Session, Store};
use abri::treatments::import::{import_file, Entity, Imported};
use common::store_with_landlord;

/// Trois locataires aux noms accentués (é, è, ï, ç, œ, ê, É : tous dans Windows-1252).
const TENANTS: &str = "reference;civilite;nom;prenom;debut_suivi;adresse_alt_rue;adresse_alt_code_postal;adresse_alt_ville\r\n\
LOC101;Mme;LEFÈVRE;Éloïse;01/02/2026;;;\r\n\
LOC102;M.;FRANÇOIS;Jérôme;15/02/2026;3 rue de l'Œuvre;59000;Lille\r\n\
LOC103;Mme;BENOÎT;Zoé;01/03/2026;;;\r\n";

fn windows_1252(text: &str) -> Vec<u8> {
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(text);
    assert!(!unmappable, "texte de test représentable en Windows-1252");
    bytes.into_owned()
}

fn imported(bytes: &[u8]) -> (Imported, Vec<Tenant>) {
    let (mut store, session) = store_with_landlord();
    let imported = import_file(&mut store, &session, Entity::Tenants, bytes).expect("import");
    let tenants = store.read(&session).tenants().expect("locataires");
    (imported, tenants)
}

/// Le refus d'un import, et la preuve qu'il n'a rien écrit.
fn refusal(entity: Entity, bytes: &[u8]) -> String {
    let (mut store, session): (Store, Session) = store_with_landlord();
    let error = import_file(&mut store, &session, entity, bytes).expect_err("fichier refusé");
    let repo = store.read(&session);
    assert_eq!(repo.count("tenant").expect("comptage"), 0);
    assert_eq!(repo.count("third_party").expect("comptage"), 0);
    error.to_string()
}

#[test]
fn utf8_utf8_with_bom_and_windows_1252_give_the_same_rows() {
    let (plain, from_utf8) = imported(TENANTS.as_bytes());
    let mut with_bom = b"\xEF\xBB\xBF".to_vec();
    with_bom.extend_from_slice(TENANTS.as_bytes());
    let (bom, from_bom) = imported(&with_bom);
    let latin = windows_1252(TENANTS);
    assert!(
        std::str::from_utf8(&latin).is_err(),
        "le fichier Windows-1252 n'est pas de l'UTF-8"
    );
    let (cp1252, from_1252) = imported(&latin);

    assert_eq!(
        (plain.count, plain.encoding, plain.encoding.note()),
        (3, TextEncoding::Utf8, None)
    );
    assert_eq!(
        (bom.count, bom.encoding, bom.encoding.note()),
        (3, TextEncoding::Utf8Bom, None)
    );
    assert_eq!(
        (cp1252.count, cp1252.encoding, cp1252.encoding.note()),
        (
            3,
            TextEncoding::Windows1252,
            Some("fichier lu en Windows-1252")
        )
    );
    assert_eq!(from_utf8, from_bom);
    assert_eq!(from_utf8, from_1252);
    let names: Vec<(String, String, String)> = from_1252
        .iter()
        .map(|t| (t.reference.clone(), t.display_name(), t.alt_street.clone()))
        .collect();
    assert_eq!(
        names,
        vec![
            ("LOC101".into(), "Mme LEFÈVRE Éloïse".into(), String::new()),
            (
                "LOC102".into(),
                "M. FRANÇOIS Jérôme".into(),
                "3 rue de l'Œuvre".into()
            ),
            ("LOC103".into(), "Mme BENOÎT Zoé".into(), String::new()),
        ]
    );
}

#[test]
fn bytes_that_are_neither_utf8_nor_windows_1252_are_refused_with_their_line() {
    // 0x81 n'existe pas en Windows-1252 (ni 0x8D, 0x8F, 0x90, 0x9D).
    let mut bytes = windows_1252("reference;nom;debut_suivi\nLOC101;LEFÈVRE;01/02/2026\n");
    bytes.extend_from_slice(b"LOC102;FRAN\x81OIS;01/02/2026\n");
    assert_eq!(
        refusal(Entity::Tenants, &bytes),
        "fichier refusé, rien n'a été importé — ligne 3 : octet 0x81 qui n'est ni de l'UTF-8 ni du Windows-1252 : réenregistrez le fichier en « CSV UTF-8 »"
    );
    for byte in [0x8Du8, 0x8F, 0x90, 0x9D] {
        let bytes = [
            b"reference;nom;debut_suivi\nLOC1;A".as_slice(),
            &[byte],
            b";01/02/2026\n",
        ]
        .concat();
        assert!(
            refusal(Entity::Tenants, &bytes).ends_with(&format!(
                "ligne 2 : octet 0x{byte:02X} qui n'est ni de l'UTF-8 ni du Windows-1252 : réenregistrez le fichier en « CSV UTF-8 »"
            )),
            "{byte:02X}"
        );
    }
}

#[test]
fn binary_utf16_and_mixed_files_are_refused() {
    let binary = b"reference;nom;debut_suivi\nLOC1;A;01/02/2026\nLOC2;B\x00;01/02/2026\n";
    assert_eq!(
        refusal(Entity::Tenants, binary),
        "fichier refusé, rien n'a été importé — ligne 3 : octet nul : ce fichier n'est pas un texte CSV (fichier binaire ou tableur non exporté en CSV ?)"
    );
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain("reference;nom".encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    assert_eq!(
        refusal(Entity::Tenants, &utf16),
        "fichier refusé, rien n'a été importé — ligne 1 : fichier en UTF-16 : enregistrez-le en « CSV UTF-8 » ou en « CSV (séparateur : point-virgule) »"
    );
    // UTF-8 jusqu'à la ligne 2, puis un « é » Windows-1252 : un mélange, pas un codage.
    let mixed =
        b"reference;nom;debut_suivi\nLOC1;LEF\xC3\x88VRE;01/02/2026\nLOC2;ZO\xE9;01/02/2026\n";
    assert_eq!(
        refusal(Entity::Tenants, mixed),
        "fichier refusé, rien n'a été importé — ligne 3 : octet 0xE9 qui n'est pas de l'UTF-8 valide, alors que le fichier est en UTF-8 avant lui : corrigez ce texte ou réenregistrez le fichier en « CSV UTF-8 »"
    );
    // Annoncé UTF-8 par son BOM, mais en Windows-1252.
    let bom = [
        b"\xEF\xBB\xBF".as_slice(),
        &windows_1252("reference;nom;debut_suivi\nLOC1;ZOÉ;01/02/2026\n"),
    ]
    .concat();
    assert!(
        refusal(Entity::Tenants, &bom).ends_with("ligne 2 : octet 0xC9 qui n'est pas de l'UTF-8 valide, alors que le fichier est en UTF-8 avant lui : corrigez ce texte ou réenregistrez le fichier en « CSV UTF-8 »"),
    );
}

#[test]
fn rows_with_too_few_or_too_many_values_are_refused() {
    let short =
        "reference;nom;prenom;debut_suivi\nLOC1;DURAND;Paul;01/02/2026\nLOC2;MARTIN;01/02/2026\n";
    assert_eq!(
        refusal(Entity::Tenants, short.as_bytes()),
        "fichier refusé, rien n'a été importé — ligne 3 : 3 valeurs au lieu de 4, une par colonne de l'en-tête (une valeur ou un « ; » manque : une colonne vide s'écrit « ;; »)"
    );
    let long = "reference;type;nom\nFOUR1;fournisseur;Plomberie;Martin\n";
    assert_eq!(
        refusal(Entity::ThirdParties, long.as_bytes()),
        "fichier refusé, rien n'a été importé — ligne 2 : 4 valeurs au lieu de 3, une par colonne de l'en-tête (un « ; » de trop, ou un texte contenant « ; » à mettre entre guillemets ?)"
    );
    // Une ligne vide reste ignorée, un « ; » entre guillemets reste une valeur.
    let (imported, tenants) = imported(
        "reference;nom;prenom;debut_suivi\n\nLOC1;\"DURAND; dit Paulo\";Paul;01/02/2026\n"
            .as_bytes(),
    );
    assert_eq!(imported.count, 1);
    assert_eq!(tenants[0].surname, "DURAND; dit Paulo");
}

#[test]
fn texts_longer_than_their_limit_are_refused_with_row_column_and_limit() {
    // La valeur de 10 Mo de l'essai : refusée avant toute lecture de la fiche.
    let huge = format!(
        "reference;nom;debut_suivi\nLOC1;{};01/02/2026\n",
        "A".repeat(10 * 1024 * 1024)
    );
    assert_eq!(
        refusal(Entity::Tenants, huge.as_bytes()),
        "fichier refusé, rien n'a été importé — ligne 2, colonne « nom » : 10000 caractères au maximum, 10485760 saisis (raccourcissez le texte)"
    );
    let cases: &[(Entity, String, &str)] = &[
        (
            Entity::Tenants,
            format!("reference;nom;debut_suivi\nLOC1;{};01/02/2026\n", "É".repeat(101)),
            "ligne 2, colonne « nom » : 100 caractères au maximum, 101 saisis (raccourcissez le texte)",
        ),
        (
            Entity::Tenants,
            format!("reference;nom;prenom;debut_suivi\nLOC1;DURAND;Paul;01/02/2026\nLOC2;MARTIN;{};01/02/2026\n", "x".repeat(150)),
            "ligne 3, colonne « prenom » : 100 caractères au maximum, 150 saisis (raccourcissez le texte)",
        ),
        (
            Entity::ThirdParties,
            format!("reference;type;nom;rue\nF1;fournisseur;Plomberie;{}\n", "r".repeat(201)),
            "ligne 2, colonne « rue » : 200 caractères au maximum, 201 saisis (raccourcissez le texte)",
        ),
        (
            Entity::ThirdParties,
            format!("reference;type;nom;telephone\nF1;fournisseur;Plomberie;{}\n", "0".repeat(31)),
            "ligne 2, colonne « telephone » : 30 caractères au maximum, 31 saisis (raccourcissez le texte)",
        ),
        (
            Entity::ThirdParties,
            format!("reference;type;nom\n{};fournisseur;Plomberie\n", "F".repeat(31)),
            "ligne 2, colonne « reference » : Référence du tiers : 30 caractères au maximum, 31 saisis (raccourcissez la saisie)",
        ),
    ];
    for (entity, text, expected) in cases {
        assert_eq!(
            refusal(*entity, text.as_bytes()),
            format!("fichier refusé, rien n'a été importé — {expected}")
        );
    }
    // Les libellés des pièces aussi (200 caractères).
    let voucher = format!(
        "piece;journal;date;libelle;compte;debit;credit\n1;OD;01/02/2026;{};471000000;10;0\n",
        "L".repeat(201)
    );
    assert_eq!(
        refusal(Entity::Vouchers, voucher.as_bytes()),
        "fichier refusé, rien n'a été importé — ligne 2, colonne « libelle » : 200 caractères au maximum, 201 saisis (raccourcissez le texte)"
    );
    // À la limite, la valeur passe.
    let (imported, tenants) = imported(
        format!(
            "reference;nom;debut_suivi\nLOC1;{};01/02/2026\n",
            "É".repeat(100)
        )
        .as_bytes(),
    );
    assert_eq!(imported.count, 1);
    assert_eq!(tenants[0].surname.chars().count(), 100);
}
