//! Petites bases de test pour la sortie, le solde de tout compte, la mutation et la
//! fusion : un immeuble, des lots, des locataires nommés, des locations mensuelles à
//! échoir, leurs périodes et rubriques, importés par les listes CSV (tout ou rien).

use abri::ledger::{self, EntryDraft, LedgerContext, LedgerError, VoucherDraft};
use abri::model::money::parse_money;
use abri::model::{DocumentKind, Money};
use abri::store::{Session, Store};
use abri::treatments::deposit::{self, OneOffRequest};
use abri::treatments::import::{import, Entity};
use chrono::NaiveDate;

use super::store_with_landlord;

/// Un locataire : référence, nom, prénom.
pub struct TenantRow<'a>(pub &'a str, pub &'a str, pub &'a str);

/// Une location : référence, lot, locataire, début (jj/mm/aaaa).
pub struct LeaseRow<'a>(pub &'a str, pub &'a str, pub &'a str, pub &'a str);

/// Une rubrique FAC mensuelle au prorata : location, rubrique, gestion, type, montant.
pub struct ItemRow<'a>(
    pub &'a str,
    pub &'a str,
    pub &'a str,
    pub &'a str,
    pub &'a str,
);

/// La base : `units` lots LOT1…LOTn, les locataires, les locations (période de 36 mois
/// à leur début) et leurs rubriques (à partir du début de leur location).
pub fn setup(
    units: usize,
    tenants: &[TenantRow],
    leases: &[LeaseRow],
    items: &[ItemRow],
) -> (Store, Session) {
    let (mut store, session) = store_with_landlord();
    let mut unit_csv = String::from("reference;immeuble;debut_gestion;fin_gestion;nature;usage;forme;analytique;batiment;escalier;etage;porte;type;surface;typologie;foyer;rpls;invariant_dgfip;disponible;motif_indisponibilite;loyer_reference;charges_reference\n");
    for n in 1..=units {
        unit_csv.push_str(&format!(
            "LOT{n};IMM;01/01/2015;;Appartement;Habitation;Collectif;;;A;1;{n};principal;30,00;T1;N;;;O;;500,00;60,00\n"
        ));
    }
    let mut tenant_csv = String::from("reference;professionnel;civilite;nom;prenom;debut_suivi;etat;adresse_alt_rue;adresse_alt_code_postal;adresse_alt_ville;nur;date_naissance;email;telephone1;telephone2;consentement_rgpd;date_consentement;allocataire;debut_allocation;organisme_payeur;numero_organisme;numero_allocataire\n");
    for TenantRow(reference, surname, first) in tenants {
        tenant_csv.push_str(&format!(
            "{reference};N;Mme;{surname};{first};01/01/2019;;;;;;;;;;N;;;;;;\n"
        ));
    }
    let mut lease_csv = String::from("reference;lot;locataire;type_contrat;periodicite;terme;jour_echeance;mode_reglement;debut;sortie;motif_sortie;verrouillee;durable;regularisation_auto;tiers_payeur;prelevement;titulaire_compte;banque;iban;rum;date_mandat;forfait_periode;forfait_alternatif;jour_prelevement\n");
    let mut period_csv = String::from("location;debut;duree_mois\n");
    for LeaseRow(reference, unit, tenant, start) in leases {
        lease_csv.push_str(&format!(
            "{reference};{unit};{tenant};temporaire;mensuelle;a_echoir;4;virement;{start};;;N;N;N;;N;;;;;;0,00;0,00;\n"
        ));
        period_csv.push_str(&format!("{reference};{start};36\n"));
    }
    let mut item_csv = String::from("location;rubrique;gestion;type;objet;active;debut;duree_mois;fin;reference;montant_initial;montant_revise;prorata;plafond;a_augmenter;date_revision\n");
    for ItemRow(lease, item, gestion, kind, amount) in items {
        let start = leases
            .iter()
            .find(|l| l.0 == *lease)
            .map_or("01/01/2026", |l| l.3);
        item_csv.push_str(&format!(
            "{lease};{item};{gestion};{kind};FAC;O;{start};;;;{amount};;O;0,00;N;\n"
        ));
    }
    let lists = [
        (
            Entity::Buildings,
            "reference;debut_gestion;fin_gestion;analytique;rue;code_postal;ville;syndic\nIMM;01/01/2015;;IMM;3 rue des Tests;75011;Paris;\n".to_string(),
        ),
        (Entity::Units, unit_csv),
        (Entity::Tenants, tenant_csv),
        (Entity::Leases, lease_csv),
        (Entity::Periods, period_csv),
        (Entity::LeaseItems, item_csv),
    ];
    for (entity, text) in lists {
        if text.lines().count() > 1 {
            import(&mut store, &session, entity, &text).expect("fiches de test");
        }
    }
    (store, session)
}

/// Règlement de test (journal BQ, 512000000) de `amount` au crédit du compte `account`
/// du locataire `who.0`, pour la location `who.1`, au `date` ; un montant négatif est un
/// remboursement (au débit du locataire).
pub fn payment(
    store: &mut Store,
    session: &Session,
    who: (&str, &str),
    (account, amount): (&str, &str),
    date: NaiveDate,
) {
    let amount = parse_money(amount).expect("montant de test");
    let (paid, refunded) = if amount < Money::ZERO {
        (Money::ZERO, -amount)
    } else {
        (amount, Money::ZERO)
    };
    let entry = |account: &str, tiers: Option<&str>, debit, credit| EntryDraft {
        account: account.into(),
        tiers: tiers.map(str::to_string),
        analytic: String::new(),
        label: String::new(),
        debit,
        credit,
    };
    let draft = VoucherDraft {
        journal: "BQ".into(),
        value_date: date,
        label: "Règlement de test".into(),
        template: None,
        tiers: Some(who.0.into()),
        lease: Some(who.1.into()),
        analytic: String::new(),
        payment_mode: None,
        payment_date: None,
        batch_no: String::new(),
        reference: String::new(),
        origin: "saisie".into(),
        entries: vec![
            entry("512000000", None, paid, refunded),
            entry(account, Some(who.0), refunded, paid),
        ],
    };
    store
        .write(session, "règlement de test", |repo| {
            let ctx = LedgerContext::load(repo)?;
            ledger::post(repo, &ctx, &draft)
        })
        .map_err(|e: LedgerError| e.to_string())
        .expect("règlement de test");
}

/// Appel du dépôt de garantie de `amount` pour la location `lease`, au `date`.
pub fn deposit_call(
    store: &mut Store,
    session: &Session,
    lease: &str,
    amount: &str,
    date: NaiveDate,
) {
    deposit::run(
        store,
        session,
        &OneOffRequest {
            kind: DocumentKind::DepositCall,
            lease: lease.into(),
            value_date: date,
            reference: String::new(),
            amount: parse_money(amount).expect("montant de test"),
            instalments: None,
            message: String::new(),
        },
        false,
    )
    .expect("appel du dépôt");
}

/// Lance le binaire `abri` sur la base `db` ; rend la réussite et le texte affiché
/// (sortie puis erreurs).
pub fn run_abri(db: &std::path::Path, args: &[&str]) -> (bool, String) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_abri"))
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .expect("lancement de abri");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr),
    )
}
