//! Ce que voient le locataire et le gestionnaire (issue 19) : l'avis avec aide au logement
//! et son reste à charge, le prélèvement annoncé, la quittance et le reçu datés du
//! règlement qui les achève et qui nomment les règlements, l'aide versée par la CAF,
//! l'adresse de l'appel de dépôt. Chaque chiffre est calculé à la main ; le texte est relu
//! dans le PDF produit.

mod common;

use abri::documents;
use abri::ledger::{self, EntryDraft, LedgerContext, VoucherDraft};
use abri::model::{DocumentKind, Money, PaymentMode};
use abri::store::{DocumentFilter, Session, Store};
use abri::treatments::deposit::{self, OneOffRequest};
use abri::treatments::import::{import, Entity};
use abri::treatments::notices::{self, NoticeOptions};
use abri::treatments::payments::{
    apply_payments, plan_payments, PaymentInput, PaymentOptions, PaymentSnapshot,
};
use abri::treatments::print::{self, PrintWhat};
use chrono::NaiveDate;
use common::pdf::extract_pages;
use common::{store_with_landlord, ymd};

fn eur(s: &str) -> Money {
    abri::model::money::parse_money(s).expect("montant de test")
}

/// Deux locations d'octobre 2026, à échoir, échéance +4 :
/// - BAIL1 (LOC1, chèque) : loyer 450,00 + provision pour charges 80,00 = 530,00 ; APL
///   attendue 180,00 (rubrique d'information AP, −180,00, comme au manuel), versée par la
///   CAF du Rhône (organisme de l'allocation du locataire) ;
/// - BAIL2 (LOC2, prélèvement le 10 sur FR76 3000 6000 0112 3456 7890 189) : loyer
///   400,00, sans aide.
fn setup() -> (Store, Session) {
    let (mut store, session) = store_with_landlord();
    let lists = [
        (
            Entity::ThirdParties,
            "reference;type;nom;rue;code_postal;ville;telephone;email\n\
             CAF69;organisme_payeur;CAF du Rhône;67 boulevard Vivier-Merle;69003;Lyon;3230;\n",
        ),
        (
            Entity::Buildings,
            "reference;debut_gestion;fin_gestion;analytique;rue;code_postal;ville;syndic\n\
             IMM;01/01/2015;;IMM;3 rue des Tests;75011;Paris;\n",
        ),
        (
            Entity::Units,
            "reference;immeuble;debut_gestion;fin_gestion;nature;usage;forme;analytique;batiment;escalier;etage;porte;type;surface;typologie;foyer;rpls;invariant_dgfip;disponible;motif_indisponibilite;loyer_reference;charges_reference\n\
             LOT1;IMM;01/01/2015;;Appartement;Habitation;Collectif;;;A;1;1;principal;30,00;T1;N;;;O;;450,00;80,00\n\
             LOT2;IMM;01/01/2015;;Appartement;Habitation;Collectif;;;A;2;2;principal;30,00;T1;N;;;O;;400,00;0,00\n",
        ),
        (
            Entity::Tenants,
            "reference;professionnel;civilite;nom;prenom;debut_suivi;etat;adresse_alt_rue;adresse_alt_code_postal;adresse_alt_ville;nur;date_naissance;email;telephone1;telephone2;consentement_rgpd;date_consentement;allocataire;debut_allocation;organisme_payeur;numero_organisme;numero_allocataire\n\
             LOC1;N;Mme;DUPONT;Jeanne;01/01/2019;;;;;;;;;;N;;Jeanne DUPONT;01/01/2026;CAF69;691;1234567A\n\
             LOC2;N;M.;MARTIN;Paul;01/01/2019;;;;;;;;;;N;;;;;;\n",
        ),
        (
            Entity::Leases,
            "reference;lot;locataire;type_contrat;periodicite;terme;jour_echeance;mode_reglement;debut;sortie;motif_sortie;verrouillee;durable;regularisation_auto;tiers_payeur;prelevement;titulaire_compte;banque;iban;rum;date_mandat;forfait_periode;forfait_alternatif;jour_prelevement\n\
             BAIL1;LOT1;LOC1;temporaire;mensuelle;a_echoir;4;cheque;01/09/2026;;;N;N;N;;N;;;;;;0,00;0,00;\n\
             BAIL2;LOT2;LOC2;temporaire;mensuelle;a_echoir;4;prelevement;01/09/2026;;;N;N;N;;O;Paul MARTIN;;FR7630006000011234567890189;;01/09/2026;0,00;0,00;10\n",
        ),
        (
            Entity::Periods,
            "location;debut;duree_mois\nBAIL1;01/09/2026;36\nBAIL2;01/09/2026;36\n",
        ),
        (
            Entity::LeaseItems,
            "location;rubrique;gestion;type;objet;active;debut;duree_mois;fin;reference;montant_initial;montant_revise;prorata;plafond;a_augmenter;date_revision\n\
             BAIL1;Loyer;LO;LO;FAC;O;01/10/2026;;;;450,00;;O;0,00;N;\n\
             BAIL1;Provision pour charges;LO;CH;FAC;O;01/10/2026;;;;80,00;;O;0,00;N;\n\
             BAIL1;APL;LO;AP;INF;O;01/10/2026;;;CAF 1234567A;-180,00;;N;0,00;N;\n\
             BAIL2;Loyer;LO;LO;FAC;O;01/10/2026;;;;400,00;;O;0,00;N;\n",
        ),
    ];
    for (entity, text) in lists {
        import(&mut store, &session, entity, text).expect("fiches de test");
    }
    // Avis d'octobre 2026, date de valeur 01/10/2026 : le premier de chaque location.
    let options = NoticeOptions {
        period: ymd(2026, 10, 1),
        value_date: ymd(2026, 10, 1),
        leases: None,
        run_message: String::new(),
    };
    let run = notices::run(&mut store, &session, &options, false).expect("avis");
    assert_eq!(run.created.len(), 2);
    (store, session)
}

/// Chèque n° 1234567 de LOC1, passé le 08/10/2026.
fn pay_cheque(store: &mut Store, session: &Session, amount: &str) {
    let inputs = [PaymentInput {
        value_date: Some(ymd(2026, 10, 8)),
        tenant: Some("LOC1".into()),
        amount: eur(amount),
        mode: Some(PaymentMode::Cheque),
        payment_date: Some(ymd(2026, 10, 8)),
        reference: "1234567".into(),
        bank: "LBP".into(),
        ..PaymentInput::default()
    }];
    let snapshot = PaymentSnapshot::load(&store.read(session), &inputs).expect("instantané");
    let plan = plan_payments(&snapshot, &inputs, PaymentOptions::default()).expect("plan");
    apply_payments(store, session, &plan).expect("règlement");
}

/// APL d'octobre versée par la CAF du Rhône le 25/10/2026 (modèle `Loc_OD APL/AL`,
/// comme le traitement des fichiers CAF) : D 411700000 CAF69 180,00 / C 411000000 LOC1
/// 180,00.
fn book_housing_aid(store: &mut Store, session: &Session) {
    let line = |account: &str, tiers: &str, debit: &str, credit: &str| EntryDraft {
        account: account.into(),
        tiers: Some(tiers.into()),
        analytic: String::new(),
        label: "APL 10/2026".into(),
        debit: eur(debit),
        credit: eur(credit),
    };
    let draft = VoucherDraft {
        journal: "OD".into(),
        value_date: ymd(2026, 10, 25),
        label: "Paiement APL 10/2026 CAF du Rhône".into(),
        template: Some("Loc_OD APL/AL".into()),
        tiers: Some("CAF69".into()),
        lease: None,
        analytic: String::new(),
        payment_mode: None,
        payment_date: None,
        batch_no: String::new(),
        reference: String::new(),
        origin: "saisie".into(),
        entries: vec![
            line("411700000", "CAF69", "180,00", "0"),
            line("411000000", "LOC1", "0", "180,00"),
        ],
    };
    let debit: Money = draft.entries.iter().map(|e| e.debit).sum();
    let credit: Money = draft.entries.iter().map(|e| e.credit).sum();
    assert_eq!(
        (debit, credit),
        (eur("180,00"), eur("180,00")),
        "pièce équilibrée"
    );
    store
        .write(session, "APL", |repo| {
            let ctx = LedgerContext::load(repo)?;
            ledger::post(repo, &ctx, &draft)
        })
        .expect("APL");
}

/// Toutes les pièces de la base sont équilibrées (et la base est saine).
fn assert_books_balance(store: &Store) {
    let problems = store.verify().expect("vérification");
    assert!(problems.is_empty(), "{problems:?}");
}

fn letterhead(store: &Store, session: &Session) -> documents::Letterhead {
    documents::letterhead_of(&store.landlord(session).expect("bailleur"), None)
}

/// Le texte (une ligne par page, retours à la ligne remplacés) des documents du filtre.
fn printed(
    store: &Store,
    session: &Session,
    filter: DocumentFilter,
    what: PrintWhat,
) -> Vec<(String, String)> {
    let printables = print::collect(&store.read(session), &filter, what).expect("impression");
    let lh = letterhead(store, session);
    printables
        .iter()
        .map(|p| {
            let pdf = documents::pdf::render(std::slice::from_ref(&p.document), &lh).expect("PDF");
            let text = extract_pages(&pdf).join("\n").replace('\n', " ");
            (p.tenant.clone(), text)
        })
        .collect()
}

fn text_of(docs: &[(String, String)], tenant: &str) -> String {
    docs.iter()
        .find(|(t, _)| t == tenant)
        .map(|(_, text)| text.clone())
        .unwrap_or_else(|| panic!("pas de document pour {tenant}"))
}

fn assert_contains(text: &str, expected: &[&str]) {
    for e in expected {
        assert!(text.contains(e), "« {e} » absent du texte :\n{text}");
    }
}

fn notices_filter() -> DocumentFilter {
    DocumentFilter {
        kind: Some(DocumentKind::Notice),
        ..DocumentFilter::default()
    }
}

fn receipts_at(store: &Store, session: &Session, at: NaiveDate) -> Vec<(String, String)> {
    printed(store, session, notices_filter(), PrintWhat::Receipts { at })
}

/// 450,00 + 80,00 = 530,00 dus ; l'APL attendue de 180,00 laisse 530,00 − 180,00 = 350,00
/// à la charge du locataire, le seul montant demandé en gras ; le locataire qui paie par
/// chèque lit l'ordre et la référence de sa location, le compte du bailleur pour un
/// virement.
#[test]
fn notice_with_housing_aid_shows_what_the_tenant_pays() {
    let (store, session) = setup();
    let docs = printed(&store, &session, notices_filter(), PrintWhat::Documents);
    let text = text_of(&docs, "LOC1");
    assert_contains(
        &text,
        &[
            "Loyer 450,00 €",
            "Provision pour charges 80,00 €",
            "Total dû pour la période 530,00 €",
            "Aide au logement attendue -180,00 €",
            "Reste à votre charge 350,00 €",
            "Par chèque à l'ordre de Association Toit Solidaire",
            "la référence BAIL1",
            "IBAN FR76 3000 6000 0112 3456 7890 189",
            "BIC AGRIFRPP",
        ],
    );
    // Un seul montant demandé : pas de « Total à payer » de 530,00 à côté du reste à charge.
    assert!(!text.contains("Total à payer"), "{text}");
    assert!(
        !text.contains("APL CAF 1234567A (pour information)"),
        "{text}"
    );
    // Le destinataire est le locataire à l'adresse du lot (règle unique des documents).
    assert_contains(
        &text,
        &["Mme DUPONT Jeanne", "3 rue des Tests", "75011 Paris"],
    );
}

/// Prélèvement : « Montant prélevé le 10/10/2026 sur le compte FR76 …0189 » de 400,00 ;
/// l'avis ne demande ni chèque ni virement.
#[test]
fn direct_debit_notice_announces_the_debit_with_a_masked_iban() {
    let (store, session) = setup();
    let docs = printed(&store, &session, notices_filter(), PrintWhat::Documents);
    let text = text_of(&docs, "LOC2");
    assert_contains(
        &text,
        &[
            "Total à payer 400,00 €",
            "Montant prélevé le 10/10/2026 sur le compte FR76 …0189 : 400,00 €",
        ],
    );
    assert!(!text.contains("à l'ordre de"), "{text}");
    assert!(!text.contains("6000 0112 3456"), "IBAN masqué : {text}");
}

/// 350,00 par chèque n° 1234567 le 08/10/2026, puis l'APL de 180,00 le 25/10/2026 :
/// 350,00 + 180,00 = 530,00 = l'appel. Au 20/10, un reçu du 08/10 : le locataire a payé
/// sa part (reste 530,00 − 350,00 − 180,00 attendus = 0,00), l'aide manque. Au 31/10, la
/// quittance datée du 25/10/2026, jour de l'APL qui l'achève, nomme les deux versements.
#[test]
fn quittance_is_dated_by_the_housing_aid_that_completes_it_and_names_both_payments() {
    let (mut store, session) = setup();
    pay_cheque(&mut store, &session, "350,00");
    book_housing_aid(&mut store, &session);
    assert_books_balance(&store);

    let before_aid = text_of(&receipts_at(&store, &session, ymd(2026, 10, 20)), "LOC1");
    assert_contains(
        &before_aid,
        &[
            "Reçu",
            "Date 08/10/2026",
            "Reçu de Mme DUPONT Jeanne la somme de 350,00 €",
            "08/10/2026 chèque n° 1234567 350,00 €",
            "Part à votre charge 350,00 €",
            "Reste dû 0,00 €",
            "L'aide au logement de 180,00 € attendue de la CAF du Rhône n'a pas encore été versée",
        ],
    );
    assert!(!before_aid.contains("Quittance de loyer"));

    let text = text_of(&receipts_at(&store, &session, ymd(2026, 10, 31)), "LOC1");
    assert_contains(
        &text,
        &[
            "Quittance de loyer",
            "Date 25/10/2026",
            "reconnaît avoir reçu pour Mme DUPONT Jeanne la somme de 530,00 € dont 180,00 € \
             d'aide au logement versée par la CAF du Rhône pour le compte du locataire, au \
             titre du loyer et des charges de la période du 01/10/2026 au 31/10/2026",
            "Loyer 450,00 €",
            "Charges 80,00 €",
            "Total 530,00 €",
            "08/10/2026 chèque n° 1234567 350,00 €",
            "25/10/2026 aide au logement versée par la CAF du Rhône 180,00 €",
            "Le 25/10/2026, pour le bailleur",
        ],
    );
    assert!(
        !text.contains("01/10/2026, pour le bailleur"),
        "pas la date de l'avis"
    );
}

/// 300,00 seulement, sans APL : un reçu de 300,00 daté du 08/10/2026 ; la part du
/// locataire est 530,00 − 180,00 = 350,00, il en reste 350,00 − 300,00 = 50,00.
#[test]
fn partial_payment_gives_a_receipt_with_what_is_still_due_on_the_tenant_share() {
    let (mut store, session) = setup();
    pay_cheque(&mut store, &session, "300,00");
    assert_books_balance(&store);
    let text = text_of(&receipts_at(&store, &session, ymd(2026, 10, 31)), "LOC1");
    assert_contains(
        &text,
        &[
            "Reçu",
            "Date 08/10/2026",
            "Reçu de Mme DUPONT Jeanne la somme de 300,00 € en paiement partiel",
            "08/10/2026 chèque n° 1234567 300,00 €",
            "Montant appelé 530,00 €",
            "Aide au logement attendue -180,00 €",
            "Part à votre charge 350,00 €",
            "Montant reçu 300,00 €",
            "Reste dû 50,00 €",
        ],
    );
    assert!(!text.contains("Quittance de loyer"));
}

/// L'appel du dépôt de garantie porte le nom et l'adresse du destinataire (règle unique).
#[test]
fn deposit_call_is_addressed_like_every_document() {
    let (mut store, session) = setup();
    let request = OneOffRequest {
        kind: DocumentKind::DepositCall,
        lease: "BAIL1".into(),
        value_date: ymd(2026, 10, 2),
        reference: String::new(),
        amount: eur("450,00"),
        instalments: None,
        message: String::new(),
    };
    deposit::run(&mut store, &session, &request, false).expect("appel de dépôt");
    assert_books_balance(&store);
    let docs = printed(
        &store,
        &session,
        DocumentFilter {
            kind: Some(DocumentKind::DepositCall),
            ..DocumentFilter::default()
        },
        PrintWhat::Documents,
    );
    let text = text_of(&docs, "LOC1");
    assert_contains(
        &text,
        &[
            "Appel du dépôt de garantie",
            "Mme DUPONT Jeanne",
            "escalier A, étage 1, porte 1",
            "3 rue des Tests",
            "75011 Paris",
            "Dépôt de garantie 450,00 €",
        ],
    );
}

/// Écrit un PDF de chaque document dans /tmp/abri-documents/ pour les regarder
/// (`pdftoppm -png -r 60 -f 1 -l 1 …`).
#[test]
#[ignore]
fn write_samples() {
    let dir = std::path::Path::new("/tmp/abri-documents");
    std::fs::create_dir_all(dir).expect("dossier");
    let (mut store, session) = setup();
    let lh = letterhead(&store, &session);
    let write = |name: &str, store: &Store, filter: DocumentFilter, what: PrintWhat| {
        let printables = print::collect(&store.read(&session), &filter, what).expect("impression");
        for p in printables {
            let path = dir.join(format!("{name}-{}.pdf", p.tenant));
            documents::pdf::render_to_file(&[p.document], &lh, &path).expect("écriture");
        }
    };
    write("avis", &store, notices_filter(), PrintWhat::Documents);
    pay_cheque(&mut store, &session, "350,00");
    write(
        "recu",
        &store,
        notices_filter(),
        PrintWhat::Receipts {
            at: ymd(2026, 10, 20),
        },
    );
    book_housing_aid(&mut store, &session);
    write(
        "quittance",
        &store,
        notices_filter(),
        PrintWhat::Receipts {
            at: ymd(2026, 10, 31),
        },
    );
}
