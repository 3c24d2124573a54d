//! Bailleur de démonstration : catalogues par défaut et jeu de fiches réaliste livré dans
//! `fixtures/demo/`, importé par le même chemin que les listes des utilisateurs.

use crate::model::{AllocationKey, Landlord, UnitShare};
use crate::store::{Session, Store, StoreError};
use crate::treatments::import::{import_into, Entity, ImportError};
use crate::treatments::setup::load_default_catalogues;

/// Code du bailleur de démonstration.
pub const DEMO_CODE: &str = "DEMO";

/// Les listes de démonstration, dans l'ordre où elles se référencent.
const DEMO_LISTS: &[(Entity, &str, &str)] = &[
    (
        Entity::ThirdParties,
        "tiers.csv",
        include_str!("../../fixtures/demo/tiers.csv"),
    ),
    (
        Entity::Buildings,
        "immeubles.csv",
        include_str!("../../fixtures/demo/immeubles.csv"),
    ),
    (
        Entity::Units,
        "lots.csv",
        include_str!("../../fixtures/demo/lots.csv"),
    ),
    (
        Entity::Tenants,
        "locataires.csv",
        include_str!("../../fixtures/demo/locataires.csv"),
    ),
    (
        Entity::Leases,
        "locations.csv",
        include_str!("../../fixtures/demo/locations.csv"),
    ),
    (
        Entity::Periods,
        "periodes.csv",
        include_str!("../../fixtures/demo/periodes.csv"),
    ),
    (
        Entity::LeaseItems,
        "rubriques-location.csv",
        include_str!("../../fixtures/demo/rubriques-location.csv"),
    ),
    (
        Entity::Vouchers,
        "pieces.csv",
        include_str!("../../fixtures/demo/pieces.csv"),
    ),
];

/// Le bailleur de démonstration (adresse et identifiants fictifs mais valides).
pub fn demo_landlord() -> Landlord {
    Landlord {
        code: DEMO_CODE.to_string(),
        name: "Association Toit Solidaire".to_string(),
        street: "12 rue des Lilas".to_string(),
        postcode: "75020".to_string(),
        city: "Paris".to_string(),
        phone: "01 43 00 00 00".to_string(),
        siret: "12345678200010".to_string(),
        caf_code: "P7512".to_string(),
        creditor_id: "FR72ZZZ123456".to_string(),
        iban: "FR7630006000011234567890189".to_string(),
        bic: "AGRIFRPP".to_string(),
    }
}

#[derive(Debug, thiserror::Error)]
pub enum DemoError {
    #[error("{0}")]
    Store(#[from] StoreError),
    #[error("historique de démonstration : {0}")]
    Notices(#[from] crate::treatments::notices::NoticeError),
    #[error("historique de démonstration : {0}")]
    Payments(#[from] crate::treatments::payments::PaymentError),
    #[error("historique de démonstration, fichier CAF : {0}")]
    Caf(#[from] crate::treatments::caf::CafTreatmentError),
    #[error("fichier de démonstration fixtures/demo/{file} : {error}")]
    List {
        file: &'static str,
        error: ImportError,
    },
}

/// Crée (ou recrée) le bailleur de démonstration avec un an d'historique ; renvoie sa
/// session.
pub fn create_demo(store: &mut Store, user: &str) -> Result<Session, DemoError> {
    create_demo_with(store, user, true)
}

/// Crée le bailleur de démonstration ; avec `history`, douze mois d'avis (janvier à
/// décembre 2026) et les règlements de février à novembre, faits par les vrais
/// traitements.
pub fn create_demo_with(
    store: &mut Store,
    user: &str,
    history: bool,
) -> Result<Session, DemoError> {
    if store.landlords()?.iter().any(|(code, _)| code == DEMO_CODE) {
        store.delete_landlord(DEMO_CODE)?;
    }
    let session = store.create_landlord(&demo_landlord(), user)?;
    let result = store.write(&session, "données de démonstration", |repo| {
        load_default_catalogues(repo)?;
        for (entity, file, text) in DEMO_LISTS {
            import_into(repo, *entity, text).map_err(|error| DemoError::List { file, error })?;
        }
        for key in demo_allocation_keys() {
            repo.insert_allocation_key(&key)?;
        }
        add_demo_note(repo)?;
        Ok::<(), DemoError>(())
    });
    let result = match result {
        Ok(()) if history => demo_history(store, &session),
        other => other,
    };
    if let Err(error) = result {
        // Ne laisse pas un bailleur à moitié rempli.
        store.delete_landlord(DEMO_CODE)?;
        return Err(error);
    }
    Ok(session)
}

/// Une clé de la démonstration : tantièmes des lots `<immeuble>-01`, `-02`… dans l'ordre.
fn demo_key(building: &str, code: &str, label: &str, order: i64, shares: &[i64]) -> AllocationKey {
    AllocationKey {
        building: building.to_string(),
        code: code.to_string(),
        label: label.to_string(),
        order,
        total_shares: shares.iter().sum(),
        shares: shares
            .iter()
            .enumerate()
            .map(|(i, &shares)| UnitShare {
                unit: format!("{building}-{:02}", i + 1),
                shares,
            })
            .collect(),
    }
}

/// Clés de répartition de la démonstration (S11) : tantièmes généraux au prorata des
/// surfaces (total 1 000), ascenseur selon l'étage (le rez-de-chaussée n'y participe
/// pas), entretien du foyer à parts égales. Chaque somme égale le total de sa clé.
fn demo_allocation_keys() -> Vec<AllocationKey> {
    const GENERAL: &str = "Charges générales";
    let ten_units = [53, 85, 116, 85, 148, 53, 117, 85, 173, 85];
    vec![
        demo_key("IMM01", "TANT", GENERAL, 0, &ten_units),
        demo_key(
            "IMM01",
            "ASC",
            "Ascenseur",
            1,
            &[0, 0, 10, 10, 15, 15, 20, 20, 25, 25],
        ),
        demo_key("IMM02", "TANT", GENERAL, 0, &ten_units),
        demo_key(
            "IMM03",
            "TANT",
            GENERAL,
            0,
            &[72, 114, 158, 114, 199, 72, 157, 114],
        ),
        demo_key(
            "IMM05",
            "ENT",
            "Entretien des parties communes",
            0,
            &[1, 1, 1, 1, 1, 1],
        ),
    ]
}

/// Location qui porte une note de suivi (onglet Notes).
const NOTED_LEASE: &str = "BAIL002";

/// Une note de suivi sur une location de la démonstration.
fn add_demo_note(repo: &crate::store::Repo) -> Result<(), StoreError> {
    let Some(mut lease) = repo
        .leases()?
        .into_iter()
        .find(|l| l.reference == NOTED_LEASE)
    else {
        return Ok(());
    };
    lease.notes = [
        "15/03/2019 : entrée dans les lieux, état des lieux sans réserve.",
        "02/02/2026 : Mme Dupont signale une fuite sous l'évier ; plombier prévenu.",
        "10/02/2026 : réparation faite, facture au bailleur (pas de refacturation).",
    ]
    .join("\n");
    repo.update_lease(NOTED_LEASE, &lease)
}

/// Locataire qui ne règle que la moitié de ses avis (impayé qui grossit).
const HALF_PAYER: &str = "LOC005";
/// Locataire qui cesse de payer après juin (impayé de plus de 90 jours).
const STOPS_PAYING: &str = "LOC009";
/// Aide au logement versée chaque mois par l'organisme au bailleur (tiers payant).
const MONTHLY_BENEFIT: &str = "180,00";

/// Un an d'avis datés du 1er du mois, et pour chaque avis de février à novembre le
/// règlement du 5 : la part CAF des allocataires (organisme payeur) puis le reste par le
/// locataire au mode de sa location. Décembre n'a que son avis (les règlements seraient
/// futurs).
fn demo_history(store: &mut Store, session: &Session) -> Result<(), DemoError> {
    use crate::model::money::{parse_money, round_cents};
    use crate::model::{Money, PaymentMode};
    use crate::treatments::notices::{self, NoticeOptions};
    use crate::treatments::payments::{
        apply_payments, plan_payments, PaymentError, PaymentInput, PaymentOptions, PaymentSnapshot,
    };
    let benefit = parse_money(MONTHLY_BENEFIT).unwrap_or(Money::ZERO);
    let payers: std::collections::HashMap<String, String> = store
        .read(session)
        .tenants()?
        .into_iter()
        .filter_map(|t| {
            let payer = t.claims.iter().find_map(|c| c.payer.clone())?;
            Some((t.reference, payer))
        })
        .collect();
    for month in 1..=12u32 {
        let Some(first) = chrono::NaiveDate::from_ymd_opt(2026, month, 1) else {
            continue;
        };
        let options = NoticeOptions {
            period: first,
            value_date: first,
            leases: None,
            run_message: String::new(),
        };
        let run = notices::run(store, session, &options, false)?;
        if !(2..=11).contains(&month) {
            continue;
        }
        let Some(day) = chrono::NaiveDate::from_ymd_opt(2026, month, 5) else {
            continue;
        };
        let mut inputs = Vec::new();
        for notice in &run.plan.notices {
            let tenant = notice.tenant.as_str();
            let mut due = notice.document.total_due;
            if tenant == STOPS_PAYING && month > 6 {
                continue;
            }
            let mut push = |amount: Money, payer: Option<&String>, mode: Option<PaymentMode>| {
                let cheque = mode.is_none();
                inputs.push(PaymentInput {
                    line: inputs.len() + 1,
                    value_date: Some(day),
                    tenant: Some(tenant.to_string()),
                    amount,
                    mode,
                    payment_date: Some(day),
                    // Chèques : numéro et banque pour le bordereau (sans effet sinon).
                    reference: if cheque {
                        format!("{:07}", 1_000_000 + inputs.len() * 37 + month as usize)
                    } else {
                        String::new()
                    },
                    bank: if cheque {
                        "LBP".to_string()
                    } else {
                        String::new()
                    },
                    payer: payer.cloned(),
                    ..PaymentInput::default()
                });
            };
            if let Some(payer) = payers.get(tenant) {
                let part = due.min(benefit);
                if part > Money::ZERO {
                    push(part, Some(payer), Some(PaymentMode::Transfer));
                    due -= part;
                }
            }
            if tenant == HALF_PAYER {
                due = round_cents(due / Money::TWO);
            }
            if due > Money::ZERO {
                push(due, None, None);
            }
        }
        if inputs.is_empty() {
            continue;
        }
        let snapshot = PaymentSnapshot::load(&store.read(session), &inputs)?;
        let plan = plan_payments(&snapshot, &inputs, PaymentOptions::default())
            .map_err(PaymentError::Invalid)?;
        apply_payments(store, session, &plan)?;
    }
    demo_caf_files(store, session)
}

/// Fichiers CAF de décembre 2026 de la démonstration (`fixtures/caf/`) : la part AL (5
/// décembre) et APL (25 décembre) des allocataires, créditée à leurs comptes.
const DEMO_CAF_FILES: &[(&str, &[u8])] = &[
    (
        "al-paiement-2026-12.txt",
        include_bytes!("../../fixtures/caf/al-paiement-2026-12.txt"),
    ),
    (
        "apl-paiement-2026-12.txt",
        include_bytes!("../../fixtures/caf/apl-paiement-2026-12.txt"),
    ),
];

/// Traite les fichiers CAF de la démonstration par le vrai traitement.
fn demo_caf_files(store: &mut Store, session: &Session) -> Result<(), DemoError> {
    for (name, bytes) in DEMO_CAF_FILES {
        crate::treatments::caf::run_payments(store, session, bytes, name, false)?;
    }
    Ok(())
}
