//! Import et liste CSV des fiches : tout ou rien, erreurs qui nomment la ligne et la
//! colonne, aller-retour fidèle.

mod common;

use abri::store::Store;
use abri::treatments::import::{export, import, Entity, ImportError};
use common::store_with_landlord;

const BUILDINGS: &str = "reference;debut_gestion;fin_gestion;analytique;rue;code_postal;ville;syndic;titulaire_droits_reels
IMM-A;01/01/2020;;ANA-A;1 rue Haute;75001;Paris;;
IMM-B;15/06/2021;31/12/2030;;2 rue Basse;69002;Lyon;;Ville de Lyon
";

/// Nombre de fiches d'une table pour le bailleur de la session.
fn count(store: &Store, session: &abri::store::Session, table: &'static str) -> i64 {
    store.read(session).count(table).expect("comptage")
}

#[test]
fn a_good_file_round_trips_through_liste_csv() {
    let (mut store, session) = store_with_landlord();
    assert_eq!(
        import(&mut store, &session, Entity::Buildings, BUILDINGS).expect("import"),
        2
    );
    let listed = export(&store, &session, Entity::Buildings).expect("liste");
    // Même lignes, avec l'analytique par défaut (la référence) complété pour IMM-B.
    let expected = "\u{feff}reference;debut_gestion;fin_gestion;analytique;rue;code_postal;ville;syndic;titulaire_droits_reels\r\n\
IMM-A;01/01/2020;;ANA-A;1 rue Haute;75001;Paris;;\r\n\
IMM-B;15/06/2021;31/12/2030;IMM-B;2 rue Basse;69002;Lyon;;Ville de Lyon\r\n";
    assert_eq!(listed, expected);
    // Réimporter la liste dans une base neuve redonne exactement la même liste.
    let (mut other, other_session) = store_with_landlord();
    import(&mut other, &other_session, Entity::Buildings, &listed).expect("réimport");
    assert_eq!(
        export(&other, &other_session, Entity::Buildings).expect("liste"),
        listed
    );
}

#[test]
fn one_bad_row_rejects_the_whole_file_and_names_row_and_column() {
    let (mut store, session) = store_with_landlord();
    let text = format!("{BUILDINGS}IMM-C;31/02/2022;;;3 rue Fausse;75003;Paris;;\n");
    let err = import(&mut store, &session, Entity::Buildings, &text).expect_err("date impossible");
    assert_eq!(
        err.to_string(),
        "fichier refusé, rien n'a été importé — ligne 4, colonne « debut_gestion » : « 31/02/2022 » n'est pas une date valide (attendu jj/mm/aaaa, ex. 31/01/2026)"
    );
    assert_eq!(
        count(&store, &session, "building"),
        0,
        "ni IMM-A ni IMM-B n'ont été écrits"
    );
}

/// Un fichier enregistré par Excel (fins de ligne CRLF) nomme la même ligne.
#[test]
fn windows_line_endings_keep_the_line_numbers() {
    let (mut store, session) = store_with_landlord();
    let text =
        format!("{BUILDINGS}IMM-C;31/02/2022;;;3 rue Fausse;75003;Paris;;\n").replace('\n', "\r\n");
    let err = import(&mut store, &session, Entity::Buildings, &text).expect_err("date impossible");
    assert!(
        err.to_string()
            .contains("— ligne 4, colonne « debut_gestion »"),
        "{err}"
    );
}

#[test]
fn a_row_refused_by_the_store_also_writes_nothing() {
    let (mut store, session) = store_with_landlord();
    let units = "reference;immeuble;debut_gestion;nature;usage;forme
L1;IMM-A;01/01/2020;Appartement;Habitation;Collectif
L2;IMM-INCONNU;01/01/2020;Appartement;Habitation;Collectif
";
    import(&mut store, &session, Entity::Buildings, BUILDINGS).expect("immeubles");
    let err = import(&mut store, &session, Entity::Units, units).expect_err("immeuble inconnu");
    assert!(matches!(err, ImportError::Store { line: 3, .. }), "{err}");
    assert_eq!(
        err.to_string(),
        "fichier refusé, rien n'a été importé — ligne 3 : Immeuble « IMM-INCONNU » inconnu(e) : créez-le (la) d'abord ou corrigez la référence"
    );
    assert_eq!(count(&store, &session, "unit"), 0, "L1 n'a pas été gardé");
}

#[test]
fn a_duplicate_reference_in_the_file_is_refused() {
    let (mut store, session) = store_with_landlord();
    let text = format!("{BUILDINGS}IMM-A;01/01/2020;;;9 rue Bis;75001;Paris;;\n");
    let err = import(&mut store, &session, Entity::Buildings, &text).expect_err("doublon");
    assert_eq!(
        err.to_string(),
        "fichier refusé, rien n'a été importé — ligne 4 : Immeuble « IMM-A » existe déjà"
    );
    assert_eq!(count(&store, &session, "building"), 0);
}

#[test]
fn a_misspelt_or_missing_column_is_named() {
    let (mut store, session) = store_with_landlord();
    let typo = "reference;debut_gestio;rue;code_postal;ville\nX;01/01/2020;r;75001;Paris\n";
    let err = import(&mut store, &session, Entity::Buildings, typo).expect_err("colonne inconnue");
    assert!(err.to_string().starts_with("fichier refusé, rien n'a été importé — ligne 1, colonne « debut_gestio » : colonne inconnue"), "{err}");
    let missing = "reference;rue;code_postal;ville\nX;r;75001;Paris\n";
    let err =
        import(&mut store, &session, Entity::Buildings, missing).expect_err("colonne absente");
    assert_eq!(
        err.to_string(),
        "fichier refusé, rien n'a été importé — ligne 1, colonne « debut_gestion » : colonne obligatoire absente de l'en-tête"
    );
}

#[test]
fn model_validation_errors_carry_the_line_number() {
    let (mut store, session) = store_with_landlord();
    let text = "reference;debut_gestion;rue;code_postal;ville\nIMM-Z;01/01/2020;1 rue;7500;Paris\n";
    let err = import(&mut store, &session, Entity::Buildings, text).expect_err("code postal");
    assert_eq!(
        err.to_string(),
        "fichier refusé, rien n'a été importé — ligne 2, colonne « code_postal » : Code postal invalide : saisissez 5 chiffres (par exemple 75012)"
    );
}

/// Un jeu complet : tiers, immeuble, lot, locataire avec allocation, location en
/// prélèvement, période et rubriques ; chaque liste relue est identique à la liste écrite.
#[test]
fn every_entity_round_trips() {
    let lists: &[(Entity, &str)] = &[
        (Entity::ThirdParties, "reference;type;nom;rue;code_postal;ville;telephone;email;compte_export
CAF75;organisme_payeur;CAF de Paris;50 rue du Docteur Finlay;75015;Paris;3230;;CAF75
"),
        (Entity::Buildings, BUILDINGS),
        (Entity::Units, "reference;immeuble;debut_gestion;fin_gestion;nature;usage;forme;analytique;batiment;escalier;etage;porte;type;surface;typologie;foyer;rpls;invariant_dgfip;disponible;motif_indisponibilite;loyer_reference;charges_reference
IMM-A-01;IMM-A;01/01/2020;;Appartement;Habitation;Collectif;;;A;2;21;principal;45,20;T2;N;;;O;;470,00;60,00
IMM-A-C1;IMM-A;01/01/2020;;Cave;Annexe;Collectif;;;;-1;;secondaire;;;N;;;N;Inondée;0,00;0,00
"),
        (Entity::Tenants, "reference;professionnel;civilite;nom;prenom;debut_suivi;etat;adresse_alt_rue;adresse_alt_code_postal;adresse_alt_ville;nur;date_naissance;email;telephone1;telephone2;consentement_rgpd;date_consentement;allocataire;debut_allocation;organisme_payeur;numero_organisme;numero_allocataire
T1;N;Mme;LEFÈVRE;Élodie;01/02/2020;candidat;;;;NUR1;12/05/1980;elodie@exemple.fr;06 00 00 00 00;;O;01/02/2020;Élodie LEFÈVRE;01/03/2020;CAF75;751;1234567A
"),
        (Entity::Leases, "reference;lot;locataire;type_contrat;periodicite;terme;jour_echeance;mode_reglement;debut;sortie;motif_sortie;verrouillee;durable;regularisation_auto;tiers_payeur;prelevement;titulaire_compte;banque;iban;rum;date_mandat;forfait_periode;forfait_alternatif;jour_prelevement;notes
B1;IMM-A-01;T1;temporaire;mensuelle;a_echoir;4;prelevement;10/03/2020;15/04/2026;depart;N;N;O;;O;Élodie LEFÈVRE;BNP;FR1420041010050500013M02606;LEFEVRE20200301;01/03/2020;0,00;0,00;5;\"Relogée après un dégât des eaux ; suivi par l'assistante sociale.
Clés rendues le 15/04/2026.\"
"),
        (Entity::Periods, "location;debut;duree_mois;fin;preavis
B1;10/03/2020;12;09/03/2021;09/12/2020
"),
        (Entity::LeaseItems, "location;rubrique;gestion;type;objet;active;debut;duree_mois;fin;reference;montant_initial;montant_revise;prorata;plafond;a_augmenter;date_revision
B1;Loyer;LO;LO;FAC;O;10/03/2020;;;;480,00;500,00;O;0,00;N;01/01/2026
B1;Divers;DV;DV;FAC;O;01/01/2026;3;31/03/2026;Serrure;50,00;50,00;N;120,00;N;
"),
    ];
    let (mut store, session) = store_with_landlord();
    for (entity, text) in lists {
        import(&mut store, &session, *entity, text)
            .unwrap_or_else(|e| panic!("{}: {e}", entity.name()));
    }
    for (entity, text) in lists {
        let listed = export(&store, &session, *entity).expect("liste");
        let listed = listed.trim_start_matches('\u{feff}').replace("\r\n", "\n");
        let expected = match entity {
            // Le tiers du locataire est créé avec lui ; l'état devient « locataire ».
            Entity::ThirdParties => format!(
                "{text}T1;locataire;Mme LEFÈVRE Élodie;;;;06 00 00 00 00;elodie@exemple.fr;T1\n"
            ),
            Entity::Tenants => text.replace(";candidat;", ";locataire;"),
            Entity::Buildings => text.replace("31/12/2030;;2 rue", "31/12/2030;IMM-B;2 rue"),
            _ => text.to_string(),
        };
        assert_eq!(listed, expected, "liste {}", entity.name());
    }
}

const UNITS: &str = "reference;immeuble;debut_gestion;nature;usage;forme;type
IMM-A-01;IMM-A;01/01/2020;Appartement;Habitation;Collectif;principal
IMM-A-02;IMM-A;01/01/2020;Appartement;Habitation;Collectif;principal
IMM-B-01;IMM-B;01/01/2021;Appartement;Habitation;Collectif;principal
";

/// Immeubles IMM-A (lots 01 et 02) et IMM-B (lot 01), sans clé.
fn store_with_units() -> (Store, abri::store::Session) {
    let (mut store, session) = store_with_landlord();
    import(&mut store, &session, Entity::Buildings, BUILDINGS).expect("immeubles");
    import(&mut store, &session, Entity::Units, UNITS).expect("lots");
    (store, session)
}

const KEYS: &str = "immeuble;cle;libelle;ordre;total;lot;tantiemes
IMM-A;CHAUF;Chauffage;0;100;IMM-A-01;60
IMM-A;CHAUF;Chauffage;0;100;IMM-A-02;40
IMM-A;ASC;Ascenseur;1;10;;
IMM-B;CHAUF;Chauffage collectif;0;1000;IMM-B-01;1000
";

/// S11 : les clés s'importent (une ligne par lot, une clé sans tantièmes au lot vide) et
/// la liste `--csv` se réimporte telle quelle.
#[test]
fn allocation_keys_round_trip_through_liste_cles() {
    let (mut store, session) = store_with_units();
    assert_eq!(Entity::parse("cles"), Some(Entity::Keys));
    assert_eq!(
        import(&mut store, &session, Entity::Keys, KEYS).expect("import"),
        3
    );
    assert_eq!(count(&store, &session, "allocation_key"), 3);
    assert_eq!(count(&store, &session, "allocation_share"), 3);
    let listed = export(&store, &session, Entity::Keys).expect("liste");
    // Rangées par immeuble, ordre, code.
    let expected = "\u{feff}immeuble;cle;libelle;ordre;total;lot;tantiemes\r\n\
IMM-A;CHAUF;Chauffage;0;100;IMM-A-01;60\r\n\
IMM-A;CHAUF;Chauffage;0;100;IMM-A-02;40\r\n\
IMM-A;ASC;Ascenseur;1;10;;\r\n\
IMM-B;CHAUF;Chauffage collectif;0;1000;IMM-B-01;1000\r\n";
    assert_eq!(listed, expected);
    let (mut other, other_session) = store_with_units();
    import(&mut other, &other_session, Entity::Keys, &listed).expect("réimport");
    assert_eq!(
        export(&other, &other_session, Entity::Keys).expect("liste"),
        listed
    );
}

/// Lot inconnu ou d'un autre immeuble, tantièmes négatifs, lot en double, en-tête de clé
/// incohérent, clé déjà enregistrée : le fichier entier est refusé, la ligne nommée.
#[test]
fn a_bad_allocation_key_file_is_refused_at_its_line() {
    let header = "immeuble;cle;libelle;ordre;total;lot;tantiemes\n";
    let cases: &[(&str, &str)] = &[
        (
            "IMM-A;CHAUF;Chauffage;0;100;IMM-A-01;60\nIMM-A;CHAUF;Chauffage;0;100;IMM-Z-09;40\n",
            "ligne 3, colonne « lot » : le lot « IMM-Z-09 » n'est pas un lot de l'immeuble « IMM-A »",
        ),
        (
            "IMM-A;CHAUF;Chauffage;0;100;IMM-B-01;60\n",
            "ligne 2, colonne « lot » : le lot « IMM-B-01 » n'est pas un lot de l'immeuble « IMM-A »",
        ),
        (
            "IMM-A;CHAUF;Chauffage;0;100;IMM-A-01;60\nIMM-A;CHAUF;Chauffage;0;100;IMM-A-02;-40\n",
            "ligne 3, colonne « tantiemes » : les tantièmes du lot « IMM-A-02 » ne peuvent pas être négatifs, -40 saisis",
        ),
        (
            "IMM-A;CHAUF;Chauffage;0;100;IMM-A-01;60\nIMM-A;ASC;Ascenseur;1;10;;\nIMM-A;CHAUF;Chauffage;0;100;IMM-A-01;40\n",
            "ligne 4, colonne « lot » : le lot « IMM-A-01 » figure deux fois dans la clé « CHAUF »",
        ),
        (
            "IMM-A;CHAUF;Chauffage;0;100;IMM-A-01;60\nIMM-A;CHAUF;Chauffage;0;1000;IMM-A-02;40\n",
            "ligne 3 : la clé « CHAUF » de l'immeuble « IMM-A » a un autre libellé, ordre ou total qu'à la ligne 2",
        ),
        (
            "IMM-A;CHAUF;Chauffage;0;0;IMM-A-01;60\n",
            "ligne 2, colonne « total » : le total des tantièmes de la clé doit être supérieur à zéro, 0 saisi",
        ),
    ];
    for (rows, message) in cases {
        let (mut store, session) = store_with_units();
        let err = import(
            &mut store,
            &session,
            Entity::Keys,
            &format!("{header}{rows}"),
        )
        .expect_err("refusé");
        assert_eq!(
            err.to_string(),
            format!("fichier refusé, rien n'a été importé — {message}")
        );
        assert_eq!(count(&store, &session, "allocation_key"), 0, "{message}");
        assert_eq!(count(&store, &session, "allocation_share"), 0, "{message}");
    }
    // Une clé déjà enregistrée : refusée, et la première clé du fichier n'est pas écrite.
    let (mut store, session) = store_with_units();
    import(&mut store, &session, Entity::Keys, KEYS).expect("import");
    let again = format!("{header}IMM-B;EAU;Eau;0;10;IMM-B-01;10\nIMM-A;ASC;Ascenseur;1;10;;\n");
    let err = import(&mut store, &session, Entity::Keys, &again).expect_err("double");
    assert_eq!(
        err.to_string(),
        "fichier refusé, rien n'a été importé — ligne 3, colonne « code » : la clé « ASC » existe déjà pour l'immeuble « IMM-A » : choisissez un autre code"
    );
    assert_eq!(count(&store, &session, "allocation_key"), 3);
}
