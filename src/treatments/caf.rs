//! Traitement des fichiers CAF (S13 ; manuel : « Le traitement des fichiers CAF »), un
//! fichier à la fois.
//!
//! Paiements mensuels et régularisations : une pièce `Loc_OD APL/AL` qui crédite (ou
//! débite) le compte de loyer (LO) de chaque locataire de son montant et débite (ou
//! crédite) le compte de l'organisme payeur (411700000 et son tiers) du total. Le modèle
//! ne décrit qu'une ligne de locataire (montant saisi `%0`) : la pièce est construite ici,
//! une ligne par allocataire, sur les comptes et tiers que nomment les lignes du modèle,
//! puis validée et enregistrée par le grand livre (`ledger::post`). Date de valeur : le 25
//! du mois du fichier pour un paiement APL, le jour du fichier sinon.
//!
//! Le locataire se reconnaît aux 7 chiffres de son numéro allocataire (la lettre est
//! ignorée). Un allocataire inconnu est passé au tiers `LINCONNU` ; un locataire sorti,
//! dont la location est verrouillée, ou dont un avis postérieur est déjà généré, reçoit
//! quand même son montant ; ces cas et les allocataires en double sont au compte rendu.
//!
//! Un fichier déjà traité (même empreinte de contenu) est retraité : la pièce de
//! l'exécution précédente est d'abord supprimée par le grand livre (le journal des pièces
//! la garde), puis la nouvelle est passée ; les soldes sont ceux d'un seul traitement.
//!
//! Révision annuelle : le fichier reçu est rempli par allocataire (codes 1 à 4, loyer,
//! numéro locataire, code programme) et rendu en octets à retourner, sans rien écrire.

use std::collections::{BTreeSet, HashMap};

use chrono::{Datelike, NaiveDate};
use sha2::{Digest, Sha256};

use crate::formats::caf::{
    self, plain_code, CafError, CafFile, Details, Nature, Operation, PaymentDetail, RevisionDetail,
};
use crate::ledger::locks::{self, LockError};
use crate::ledger::template::current_account;
use crate::ledger::{self, EntryDraft, LedgerContext, LedgerError, VoucherDraft};
use crate::model::dates::format_date;
use crate::model::money::{format_money, format_money_plain};
use crate::model::tenant::UNKNOWN_CLAIMANT_PARTY;
use crate::model::{Gestion, Lease, LeaseItem, Money, Tenant, ThirdParty, Unit};
use crate::store::{CafRun, CafStatus, Repo, Session, Store, StoreError};
use crate::treatments::setup::ensure_unknown_claimant_party;

/// Modèle comptable des pièces CAF.
pub const CAF_TEMPLATE: &str = "Loc_OD APL/AL";
/// Origine des pièces CAF.
pub const CAF_ORIGIN: &str = "caf";

/// Un fichier refusé, avec ce qu'il faut corriger ; rien n'est écrit.
#[derive(Debug, thiserror::Error)]
pub enum CafTreatmentError {
    #[error("Fichier CAF refusé : {0}")]
    File(#[from] CafError),
    #[error("Fiche du bailleur : renseignez le code national bailleur CAF pour traiter les fichiers CAF")]
    NoLandlordCode,
    #[error("Fichier CAF refusé : ligne 1, champ « code_bailleur » : « {found} » est le code national d'un autre bailleur (celui-ci est « {expected} ») ; traitez ce fichier dans le bon bailleur")]
    OtherLandlord { found: String, expected: String },
    #[error("Ce fichier est une {found} : {hint}")]
    WrongOperation {
        found: &'static str,
        hint: &'static str,
    },
    #[error("Organisme payeur « {0} » de l'en-tête inconnu : renseignez ce numéro d'organisme et l'organisme payeur (tiers) sur l'allocation logement des locataires qu'il paie")]
    UnknownPayer(String),
    #[error("Organisme payeur « {number} » ambigu : les allocations le rattachent à plusieurs tiers ({parties}) ; corrigez les allocations logement des locataires")]
    AmbiguousPayer { number: String, parties: String },
    #[error("Traitement refusé : la pièce serait datée du {}, dans la période close (clôture des saisies au {}) ; demandez la réouverture de la période ou traitez un fichier plus récent", format_date(*.date), format_date(*.closing))]
    ClosedPeriod { date: NaiveDate, closing: NaiveDate },
    #[error("La pièce {number} du traitement précédent de ce fichier ne peut pas être supprimée : {reason}")]
    PreviousLocked { number: String, reason: String },
    #[error("Pièce CAF refusée par le grand livre : {0}")]
    Ledger(#[from] LedgerError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Empreinte SHA-256 du contenu d'un fichier, en hexadécimal : elle reconnaît un fichier
/// déjà traité.
pub fn content_hash(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Ce que lit le plan d'un fichier de paiements.
pub struct CafSnapshot {
    /// Code national bailleur de la fiche du bailleur.
    pub landlord_code: String,
    pub tenants: Vec<Tenant>,
    pub leases: Vec<Lease>,
    pub parties: Vec<ThirdParty>,
    pub ledger: LedgerContext,
    /// L'exécution précédente du même fichier, s'il a déjà été traité.
    pub previous: Option<CafRun>,
}

impl CafSnapshot {
    /// Lit tout ce que le plan du fichier d'empreinte `hash` consulte.
    pub fn load(repo: &Repo, landlord_code: &str, hash: &str) -> Result<Self, StoreError> {
        Ok(CafSnapshot {
            landlord_code: landlord_code.to_string(),
            tenants: repo.tenants()?,
            leases: repo.leases()?,
            parties: repo.third_parties()?,
            ledger: LedgerContext::load(repo)?,
            previous: repo.caf_run(hash)?,
        })
    }
}

/// Un cas signalé au compte rendu : le montant est passé quand même.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CaseKind {
    /// Un avis d'échéance postérieur à la pièce est déjà généré : le montant n'y figure pas.
    NoticeGenerated(NaiveDate),
    /// Numéro allocataire inconnu : montant au tiers `LINCONNU`.
    Unknown,
    /// Locataire sorti (date de sortie avant la pièce) ou sans location.
    Gone(Option<NaiveDate>),
    /// Location verrouillée.
    LockedLease(String),
    /// Le même allocataire (7 chiffres) figure plusieurs fois dans le fichier.
    Duplicate,
    /// Montant nul : aucune écriture.
    ZeroAmount,
}

impl std::fmt::Display for CaseKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CaseKind::NoticeGenerated(d) => write!(
                f,
                "avis d'échéance déjà généré (du {}) : montant passé quand même au compte du locataire",
                format_date(*d)
            ),
            CaseKind::Unknown => write!(
                f,
                "allocataire inconnu : montant passé au tiers {UNKNOWN_CLAIMANT_PARTY}"
            ),
            CaseKind::Gone(Some(d)) => write!(
                f,
                "locataire sorti le {} : montant passé au compte du locataire sorti",
                format_date(*d)
            ),
            CaseKind::Gone(None) => write!(
                f,
                "locataire sans location : montant passé à son compte"
            ),
            CaseKind::LockedLease(l) => write!(
                f,
                "location {l} verrouillée : montant passé quand même au compte du locataire"
            ),
            CaseKind::Duplicate => write!(f, "allocataire en double dans le fichier"),
            CaseKind::ZeroAmount => write!(f, "montant nul : aucune écriture"),
        }
    }
}

/// Un détail du fichier et son affectation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedDetail {
    pub detail: PaymentDetail,
    /// Tiers crédité : le locataire, ou `LINCONNU`.
    pub tiers: String,
    /// Locataire reconnu.
    pub tenant: Option<String>,
    pub cases: Vec<CaseKind>,
}

/// Le plan d'un fichier de paiements ou de régularisations.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaymentPlan {
    pub file_name: String,
    pub content_hash: String,
    pub file: CafFile,
    /// Tiers organisme payeur.
    pub payer: String,
    pub value_date: NaiveDate,
    pub details: Vec<PlannedDetail>,
    /// La pièce à passer (aucune si tous les montants sont nuls).
    pub draft: Option<VoucherDraft>,
    /// L'exécution précédente du même fichier, remplacée.
    pub previous: Option<CafRun>,
    /// Derniers états CAF des allocataires reconnus.
    pub statuses: Vec<CafStatus>,
}

impl PaymentPlan {
    /// Total du fichier (net de l'organisme payeur).
    pub fn total(&self) -> Money {
        self.file.total()
    }

    /// Détails dont le compte rendu signale un cas.
    pub fn cases(&self) -> impl Iterator<Item = (&PlannedDetail, &CaseKind)> {
        self.details
            .iter()
            .flat_map(|d| d.cases.iter().map(move |c| (d, c)))
    }
}

/// Contrôle que le fichier est bien du bailleur.
fn check_landlord(file: &CafFile, landlord_code: &str) -> Result<(), CafTreatmentError> {
    if landlord_code.trim().is_empty() {
        return Err(CafTreatmentError::NoLandlordCode);
    }
    if !file
        .header
        .landlord_code
        .eq_ignore_ascii_case(landlord_code.trim())
    {
        return Err(CafTreatmentError::OtherLandlord {
            found: file.header.landlord_code.clone(),
            expected: landlord_code.trim().to_string(),
        });
    }
    Ok(())
}

/// Les 7 chiffres qui identifient un allocataire.
fn key(claimant_no: &str) -> String {
    claimant_no.chars().take(7).collect()
}

/// Locataires par 7 chiffres de numéro allocataire, avec l'allocation ; un numéro
/// identique à une lettre près chez deux locataires garde le premier par référence.
fn claimants(tenants: &[Tenant]) -> HashMap<String, (&Tenant, &crate::model::BenefitClaim)> {
    let mut map = HashMap::new();
    for t in tenants {
        for c in &t.claims {
            map.entry(key(&c.claimant_no)).or_insert((t, c));
        }
    }
    map
}

/// La dernière location (début le plus récent) de chaque locataire, lue une fois pour
/// tout le fichier (10 000 allocataires).
fn last_leases(leases: &[Lease]) -> HashMap<&str, &Lease> {
    let mut last: HashMap<&str, &Lease> = HashMap::new();
    for l in leases {
        let entry = last.entry(l.tenant.as_str()).or_insert(l);
        if l.start_date > entry.start_date {
            *entry = l;
        }
    }
    last
}

/// Date de valeur : le 25 du mois du fichier pour un paiement APL, le jour du fichier
/// sinon (paiement AL, régularisations).
pub fn value_date(file: &CafFile) -> NaiveDate {
    let h = &file.header;
    if h.nature == Nature::Apl && h.operation == Operation::Payment {
        h.file_date.with_day(25).unwrap_or(h.file_date)
    } else {
        h.file_date
    }
}

/// Le tiers organisme payeur du numéro d'en-tête : celui des allocations qui portent ce
/// numéro, en préférant celles des allocataires du fichier.
fn payer_party(
    file: &CafFile,
    details: &[PaymentDetail],
    tenants: &[Tenant],
) -> Result<String, CafTreatmentError> {
    let number = file.header.payer.as_str();
    let in_file: BTreeSet<String> = details.iter().map(|d| key(&d.claimant_no)).collect();
    let payers = |only_file: bool| -> BTreeSet<String> {
        tenants
            .iter()
            .flat_map(|t| t.claims.iter())
            .filter(|c| c.payer_number.trim() == number)
            .filter(|c| !only_file || in_file.contains(&key(&c.claimant_no)))
            .filter_map(|c| c.payer.clone())
            .collect()
    };
    for candidates in [payers(true), payers(false)] {
        match candidates.len() {
            0 => continue,
            1 => return Ok(candidates.into_iter().next().unwrap_or_default()),
            _ => {
                return Err(CafTreatmentError::AmbiguousPayer {
                    number: number.to_string(),
                    parties: candidates.into_iter().collect::<Vec<_>>().join(", "),
                })
            }
        }
    }
    Err(CafTreatmentError::UnknownPayer(number.to_string()))
}

/// Les cas d'un allocataire reconnu : sorti, location verrouillée, avis postérieur.
fn tenant_cases(
    snapshot: &CafSnapshot,
    lease: Option<&Lease>,
    tenant: &str,
    date: NaiveDate,
) -> Vec<CaseKind> {
    let mut cases = Vec::new();
    match lease {
        None => cases.push(CaseKind::Gone(None)),
        Some(lease) => {
            if let Some(out) = lease.move_out_date.filter(|d| *d < date) {
                cases.push(CaseKind::Gone(Some(out)));
            }
            if lease.locked {
                cases.push(CaseKind::LockedLease(lease.reference.clone()));
            }
        }
    }
    if let Some(notice) = snapshot
        .ledger
        .last_notices
        .get(tenant)
        .filter(|n| **n > date)
    {
        cases.push(CaseKind::NoticeGenerated(*notice));
    }
    cases
}

/// L'affectation de chaque détail et le dernier état CAF des allocataires reconnus.
fn plan_details(
    file: &CafFile,
    details: &[PaymentDetail],
    snapshot: &CafSnapshot,
    payer_number: &str,
    date: NaiveDate,
) -> (Vec<PlannedDetail>, Vec<CafStatus>) {
    let by_key = claimants(&snapshot.tenants);
    let leases = last_leases(&snapshot.leases);
    let mut seen: HashMap<String, usize> = HashMap::new();
    for d in details {
        *seen.entry(key(&d.claimant_no)).or_default() += 1;
    }
    let mut planned = Vec::with_capacity(details.len());
    let mut statuses: HashMap<String, CafStatus> = HashMap::new();
    for d in details {
        let k = key(&d.claimant_no);
        let (tiers, tenant, mut cases) = match by_key.get(&k) {
            Some((t, _)) => (
                t.reference.clone(),
                Some(t.reference.clone()),
                tenant_cases(
                    snapshot,
                    leases.get(t.reference.as_str()).copied(),
                    &t.reference,
                    date,
                ),
            ),
            None => (
                UNKNOWN_CLAIMANT_PARTY.to_string(),
                None,
                vec![CaseKind::Unknown],
            ),
        };
        if seen.get(&k).is_some_and(|n| *n > 1) {
            cases.push(CaseKind::Duplicate);
        }
        if d.amount.is_zero() {
            cases.push(CaseKind::ZeroAmount);
        }
        if tenant.is_some() {
            // Allocataire en double : le dernier détail donne l'état, montants cumulés.
            let amount = statuses.get(&k).map_or(Money::ZERO, |s| s.amount) + d.amount;
            statuses.insert(
                k,
                CafStatus {
                    claimant_no: d.claimant_no.clone(),
                    nature: file.header.nature.code().to_string(),
                    payer: payer_number.to_string(),
                    file_date: file.header.file_date,
                    status: d.status.clone(),
                    gestion: d.gestion.clone(),
                    amount,
                },
            );
        }
        planned.push(PlannedDetail {
            detail: d.clone(),
            tiers,
            tenant,
            cases,
        });
    }
    let mut statuses: Vec<CafStatus> = statuses.into_values().collect();
    statuses.sort_by(|a, b| a.claimant_no.cmp(&b.claimant_no));
    (planned, statuses)
}

/// Les comptes des lignes du modèle : celui de l'organisme payeur (`%TiersR_Organisme`)
/// et celui des locataires (`%TiersR_Piece`, compte de gestion LO courant).
fn template_accounts(ctx: &LedgerContext) -> Result<(String, String, String), LedgerError> {
    let template = ctx
        .templates
        .get(CAF_TEMPLATE)
        .ok_or_else(|| LedgerError::UnknownTemplate(CAF_TEMPLATE.to_string()))?;
    let account_of = |tiers_code: &str| -> Result<String, LedgerError> {
        let line = template
            .lines
            .iter()
            .find(|l| l.tiers_code == tiers_code)
            .ok_or_else(|| LedgerError::UnknownTemplate(CAF_TEMPLATE.to_string()))?;
        let gestion = match line.account_code.as_str() {
            "%CompteR" => return Ok(line.account_ref.clone()),
            "%CompteDG" => Gestion::Deposit,
            "%CompteDV" => Gestion::Misc,
            "%CompteEV" => Gestion::Savings,
            _ => Gestion::Rent,
        };
        current_account(ctx.accounts.values(), gestion)
            .map(|a| a.reference.clone())
            .ok_or(LedgerError::NoGestionAccount(gestion))
    };
    Ok((
        template.journal.clone(),
        account_of("%TiersR_Organisme")?,
        account_of("%TiersR_Piece")?,
    ))
}

/// Une écriture d'un montant signé : positif au crédit, négatif au débit.
fn credit_entry(account: &str, tiers: &str, label: String, amount: Money) -> EntryDraft {
    EntryDraft {
        account: account.to_string(),
        tiers: Some(tiers.to_string()),
        analytic: String::new(),
        label,
        debit: if amount.is_sign_negative() {
            -amount
        } else {
            Money::ZERO
        },
        credit: amount.max(Money::ZERO),
    }
}

/// La pièce `Loc_OD APL/AL` : l'organisme payeur (ligne 1 du modèle) puis un locataire
/// par détail non nul (ligne 2 du modèle), dans l'ordre du fichier.
fn voucher(
    file: &CafFile,
    planned: &[PlannedDetail],
    snapshot: &CafSnapshot,
    payer: &str,
    date: NaiveDate,
) -> Result<Option<VoucherDraft>, LedgerError> {
    let ctx = &snapshot.ledger;
    let (journal, payer_account, tenant_account) = template_accounts(ctx)?;
    let nature = file.header.nature.code();
    let mut entries = Vec::with_capacity(planned.len() + 1);
    let total = file.total();
    if !total.is_zero() {
        let label = format!(
            "{nature} {} organisme {}",
            format_date(file.header.file_date),
            file.header.payer
        );
        entries.push(credit_entry(&payer_account, payer, label, -total));
    }
    for p in planned.iter().filter(|p| !p.detail.amount.is_zero()) {
        let d = &p.detail;
        let label = format!(
            "{nature} {} {} {}",
            d.period.format("%m/%Y"),
            d.claimant_no,
            d.name
        );
        entries.push(credit_entry(&tenant_account, &p.tiers, label, d.amount));
    }
    if entries.is_empty() {
        return Ok(None);
    }
    let payer_name = snapshot
        .parties
        .iter()
        .find(|p| p.reference == payer)
        .map_or(payer, |p| p.name.as_str());
    // Comme les pièces saisies à la main : « Paiement APL 12/2026 CAF de Paris ».
    let draft = VoucherDraft {
        journal,
        value_date: date,
        label: format!("Paiement {nature} {} {payer_name}", date.format("%m/%Y")),
        template: Some(CAF_TEMPLATE.to_string()),
        tiers: Some(payer.to_string()),
        lease: None,
        analytic: String::new(),
        payment_mode: None,
        payment_date: None,
        batch_no: String::new(),
        reference: format!(
            "CAF {} {nature} {} {}",
            file.header.payer,
            file.header.operation.code(),
            file.header.file_date.format("%d/%m/%Y")
        ),
        origin: CAF_ORIGIN.to_string(),
        entries,
    };
    Ok(Some(draft))
}

/// Le plan d'un fichier de paiements ou de régularisations : fonction pure du fichier
/// lu et de l'instantané. Toute pièce refusée par le grand livre l'est dès le plan.
pub fn plan_payments(
    bytes: &[u8],
    file_name: &str,
    snapshot: &CafSnapshot,
) -> Result<PaymentPlan, CafTreatmentError> {
    let file = caf::read(bytes)?;
    check_landlord(&file, &snapshot.landlord_code)?;
    let Details::Payments(details) = &file.details else {
        return Err(CafTreatmentError::WrongOperation {
            found: "révision annuelle des loyers",
            hint: "elle se remplit par « abri caf revision FICHIER -o RETOUR »",
        });
    };
    let date = value_date(&file);
    if let Some(closing) = snapshot.ledger.closing_date.filter(|c| date <= *c) {
        return Err(CafTreatmentError::ClosedPeriod { date, closing });
    }
    let payer = payer_party(&file, details, &snapshot.tenants)?;
    let (planned, statuses) = plan_details(&file, details, snapshot, &file.header.payer, date);
    let draft = voucher(&file, &planned, snapshot, &payer, date)?;
    if let Some(draft) = &draft {
        ledger::validate(draft, &snapshot.ledger)?;
    }
    Ok(PaymentPlan {
        file_name: file_name.to_string(),
        content_hash: content_hash(bytes),
        payer,
        value_date: date,
        details: planned,
        draft,
        previous: snapshot.previous.clone(),
        statuses,
        file,
    })
}

/// Ce que le traitement a fait.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaymentOutcome {
    /// Numéro de la pièce passée.
    pub voucher: Option<String>,
    /// Pièce de l'exécution précédente supprimée.
    pub replaced: Option<String>,
}

/// Applique le plan dans la transaction de `repo` : pièce précédente du même fichier
/// supprimée par le grand livre, pièce passée, exécution et états CAF enregistrés.
pub fn apply_payments(
    repo: &Repo,
    plan: &PaymentPlan,
) -> Result<PaymentOutcome, CafTreatmentError> {
    ensure_unknown_claimant_party(repo)?;
    // La pièce précédente, si elle est encore là (une base restaurée peut l'avoir perdue).
    let previous = match plan.previous.as_ref().and_then(|r| r.voucher.clone()) {
        Some(number) if repo.voucher(&number)?.is_some() => Some(number),
        _ => None,
    };
    let replaced = match previous {
        Some(number) => {
            locks::delete_document_voucher(repo, &number).map_err(|e| match e {
                LockError::Ledger(LedgerError::Store(s)) => CafTreatmentError::Store(s),
                other => CafTreatmentError::PreviousLocked {
                    number: number.clone(),
                    reason: other.to_string(),
                },
            })?;
            Some(number)
        }
        None => None,
    };
    let voucher = match &plan.draft {
        Some(draft) => {
            let ctx = LedgerContext::load(repo)?;
            Some(ledger::post(repo, &ctx, draft)?)
        }
        None => None,
    };
    let h = &plan.file.header;
    repo.record_caf_run(&CafRun {
        content_hash: plan.content_hash.clone(),
        file_date: h.file_date,
        nature: h.nature.code().to_string(),
        operation: h.operation.code().to_string(),
        payer: h.payer.clone(),
        file_name: plan.file_name.clone(),
        processed_at: String::new(),
        processed_by: String::new(),
        voucher: voucher.clone(),
    })?;
    repo.set_caf_statuses(&plan.statuses)?;
    Ok(PaymentOutcome { voucher, replaced })
}

/// Lit, planifie et (hors simulation) applique un fichier de paiements dans une seule
/// transaction : le plan appliqué est fait sur l'état de la base de la transaction.
pub fn run_payments(
    store: &mut Store,
    session: &Session,
    bytes: &[u8],
    file_name: &str,
    simulation: bool,
) -> Result<(PaymentPlan, Option<PaymentOutcome>), CafTreatmentError> {
    let landlord_code = store.landlord(session)?.caf_code;
    let hash = content_hash(bytes);
    if simulation {
        let snapshot = CafSnapshot::load(&store.read(session), &landlord_code, &hash)?;
        return Ok((plan_payments(bytes, file_name, &snapshot)?, None));
    }
    store.write(session, "traitement d'un fichier CAF", |repo| {
        let snapshot = CafSnapshot::load(repo, &landlord_code, &hash)?;
        let plan = plan_payments(bytes, file_name, &snapshot)?;
        let outcome = apply_payments(repo, &plan)?;
        Ok((plan, Some(outcome)))
    })
}

/// Un horodatage `AAAA-MM-JJTHH:MM:SS` lisible : « 06/12/2026 à 10:15:00 ».
pub fn format_stamp(stamp: &str) -> String {
    let (day, time) = stamp.split_once('T').unwrap_or((stamp, ""));
    match crate::model::dates::from_iso(day) {
        Some(d) if !time.is_empty() => format!("{} à {time}", format_date(d)),
        Some(d) => format_date(d),
        None => stamp.to_string(),
    }
}

/// Compte rendu d'un fichier de paiements (texte pour la ligne de commande et la fenêtre).
pub fn payment_report(plan: &PaymentPlan, outcome: Option<&PaymentOutcome>) -> String {
    let h = &plan.file.header;
    let mut out = format!(
        "Fichier CAF {} : {} {}, organisme {} ({}), fichier du {}\n",
        plan.file_name,
        h.nature.code(),
        h.operation.label(),
        h.payer,
        plan.payer,
        format_date(h.file_date)
    );
    if let Some(previous) = &plan.previous {
        // Avant l'enregistrement (simulation, plan), rien n'est encore supprimé.
        let (replaced, deleted) = if outcome.is_some() {
            ("remplacé", "supprimée")
        } else {
            ("sera remplacé", "supprimée à l'enregistrement")
        };
        out.push_str(&format!(
            "Fichier déjà traité le {} par {}, {replaced}{}\n",
            format_stamp(&previous.processed_at),
            previous.processed_by,
            previous
                .voucher
                .as_ref()
                .map(|n| format!(" (pièce {n} {deleted})"))
                .unwrap_or_default()
        ));
    }
    out.push_str(&format!(
        "{} allocataires, total {} ; pièce {} datée du {}\n",
        plan.details.len(),
        format_money(plan.total()),
        CAF_TEMPLATE,
        format_date(plan.value_date)
    ));
    for p in &plan.details {
        out.push_str(&format!(
            "  ligne {:>4}  {}  {:<10}  {:>12}  {}\n",
            p.detail.line,
            p.detail.claimant_no,
            p.tiers,
            format_money(p.detail.amount),
            p.detail.name
        ));
    }
    let cases: Vec<_> = plan.cases().collect();
    if !cases.is_empty() {
        out.push_str("Cas à traiter :\n");
        for (p, case) in cases {
            out.push_str(&format!(
                "  ligne {:>4}  {} {} ({}) : {case}\n",
                p.detail.line,
                p.detail.claimant_no,
                p.tenant.as_deref().unwrap_or(UNKNOWN_CLAIMANT_PARTY),
                format_money(p.detail.amount)
            ));
        }
    }
    match outcome {
        Some(PaymentOutcome {
            voucher: Some(number),
            ..
        }) => out.push_str(&format!("Pièce {number} enregistrée.\n")),
        Some(_) => out.push_str("Aucune pièce : tous les montants sont nuls.\n"),
        None => out.push_str("Simulation : rien n'est enregistré.\n"),
    }
    out
}

/// Compte rendu en CSV pour un tableur français (BOM UTF-8, `;`, virgule décimale,
/// CRLF, comme les autres listes) : une ligne par détail, ses cas.
pub fn payment_csv(plan: &PaymentPlan) -> String {
    let clean = |s: &str| s.replace([';', '\r', '\n'], " ");
    let mut out = String::from(
        "\u{feff}ligne;numero_allocataire;nom_allocataire;tiers;montant;periode;statut;gestion;cas\r\n",
    );
    for p in &plan.details {
        let d = &p.detail;
        let cases: Vec<String> = p.cases.iter().map(|c| c.to_string()).collect();
        out.push_str(&format!(
            "{};{};{};{};{};{};{};{};{}\r\n",
            d.line,
            d.claimant_no,
            clean(&d.name),
            p.tiers,
            format_money_plain(d.amount),
            d.period.format("%m/%Y"),
            caf::status_label(&d.status),
            caf::gestion_label(&d.gestion),
            clean(&cases.join(" | "))
        ));
    }
    out
}

// ---------------------------------------------------------------------------------
// Synthèse des aides au logement.
// ---------------------------------------------------------------------------------

/// Une ligne de la synthèse : une allocation d'un locataire et son dernier état CAF.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SynthesisRow {
    pub tenant: String,
    pub name: String,
    /// Numéro allocataire de la fiche du locataire.
    pub claimant_no: String,
    /// Dernier état CAF reçu (aucun si aucun fichier ne l'a nommé).
    pub status: Option<CafStatus>,
    /// Date de sortie de la dernière location.
    pub move_out: Option<NaiveDate>,
}

/// La synthèse : chaque allocation de chaque locataire, avec le dernier état CAF de ses 7
/// chiffres ; avec `month` (1er du mois), seuls les locataires dont une location couvre
/// une partie du mois.
pub fn synthesis(
    tenants: &[Tenant],
    leases: &[Lease],
    statuses: &[CafStatus],
    month: Option<NaiveDate>,
) -> Vec<SynthesisRow> {
    let by_key: HashMap<String, &CafStatus> =
        statuses.iter().map(|s| (key(&s.claimant_no), s)).collect();
    let present = |tenant: &str, first: NaiveDate| {
        let last = crate::model::dates::add_months(first, 1)
            .and_then(|d| d.pred_opt())
            .unwrap_or(first);
        leases.iter().any(|l| {
            l.tenant == tenant && l.start_date <= last && l.move_out_date.is_none_or(|d| d >= first)
        })
    };
    let last = last_leases(leases);
    let mut rows = Vec::new();
    for t in tenants {
        if month.is_some_and(|m| !present(&t.reference, m)) {
            continue;
        }
        for c in &t.claims {
            rows.push(SynthesisRow {
                tenant: t.reference.clone(),
                name: t.display_name(),
                claimant_no: c.claimant_no.clone(),
                status: by_key.get(&key(&c.claimant_no)).map(|s| (*s).clone()),
                move_out: last.get(t.reference.as_str()).and_then(|l| l.move_out_date),
            });
        }
    }
    rows
}

/// La synthèse en CSV pour un tableur français (BOM UTF-8, `;`, virgule décimale, CRLF,
/// comme les autres listes).
pub fn synthesis_csv(rows: &[SynthesisRow]) -> String {
    let clean = |s: &str| s.replace([';', '\r', '\n'], " ");
    let mut out = String::from(
        "\u{feff}locataire;nom;numero_allocataire;date_fichier;payeur;nature;statut;gestion;montant;sortie\r\n",
    );
    for r in rows {
        let s = r.status.as_ref();
        out.push_str(&format!(
            "{};{};{};{};{};{};{};{};{};{}\r\n",
            r.tenant,
            clean(&r.name),
            r.claimant_no,
            s.map(|s| format_date(s.file_date)).unwrap_or_default(),
            s.map(|s| s.payer.as_str()).unwrap_or_default(),
            s.map(|s| s.nature.as_str()).unwrap_or_default(),
            s.map(|s| caf::status_label(&s.status)).unwrap_or_default(),
            s.map(|s| caf::gestion_label(&s.gestion))
                .unwrap_or_default(),
            s.map(|s| format_money_plain(s.amount)).unwrap_or_default(),
            r.move_out.map(format_date).unwrap_or_default()
        ));
    }
    out
}

// ---------------------------------------------------------------------------------
// Révision annuelle.
// ---------------------------------------------------------------------------------

/// Ce que lit la révision annuelle.
pub struct RevisionSnapshot {
    pub landlord_code: String,
    pub tenants: Vec<Tenant>,
    pub leases: Vec<Lease>,
    pub units: Vec<Unit>,
    pub items: Vec<LeaseItem>,
}

impl RevisionSnapshot {
    pub fn load(repo: &Repo, landlord_code: &str) -> Result<Self, StoreError> {
        Ok(RevisionSnapshot {
            landlord_code: landlord_code.to_string(),
            tenants: repo.tenants()?,
            leases: repo.leases()?,
            units: repo.units()?,
            items: repo.lease_items()?,
        })
    }
}

/// Le fichier de révision rempli et ses octets à retourner.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RevisionPlan {
    pub file: CafFile,
    /// Date du loyer fourni : 1er janvier (AL) ou 1er juillet (APL) de l'année du fichier.
    pub rent_date: NaiveDate,
    /// Locataire reconnu de chaque détail.
    pub tenants: Vec<Option<String>>,
    pub bytes: Vec<u8>,
}

/// Date du loyer à fournir et début de la période où le locataire doit être présent :
/// janvier de l'année du fichier pour l'AL (loyer révisé l'année précédente), juillet
/// pour l'APL (loyer révisé dans l'année).
pub fn rent_date(file: &CafFile) -> NaiveDate {
    let year = file.header.file_date.year();
    let month = match file.header.nature {
        Nature::Al => 1,
        Nature::Apl => 7,
    };
    NaiveDate::from_ymd_opt(year, month, 1).unwrap_or(file.header.file_date)
}

/// Loyer (rubriques de type LO actives) d'une location au `at`.
fn rent_at(items: &[LeaseItem], lease: &str, at: NaiveDate) -> Money {
    items
        .iter()
        .filter(|i| i.lease == lease && i.item_type == "LO" && i.active)
        .filter(|i| i.start_date <= at && i.end_date.is_none_or(|e| at <= e))
        .map(|i| i.amount_at(at))
        .sum()
}

/// Remplit un détail de révision : code 1 inconnu, 2 parti, 3 loyer nul, 4 normal.
fn fill_revision(
    detail: &RevisionDetail,
    snapshot: &RevisionSnapshot,
    by_key: &HashMap<String, (&Tenant, &crate::model::BenefitClaim)>,
    leases: &HashMap<&str, &Lease>,
    at: NaiveDate,
) -> (RevisionDetail, Option<String>) {
    let mut out = RevisionDetail {
        tenant_no: String::new(),
        programme: String::new(),
        rent: Money::ZERO,
        ..detail.clone()
    };
    let Some((tenant, _)) = by_key.get(&key(&detail.claimant_no)) else {
        out.code = "1".to_string();
        return (out, None);
    };
    let who = Some(tenant.reference.clone());
    let lease = leases.get(tenant.reference.as_str()).copied();
    let Some(lease) = lease.filter(|l| l.move_out_date.is_none_or(|d| d >= at)) else {
        out.code = "2".to_string();
        return (out, who);
    };
    // Entré après la date du loyer : son premier loyer.
    let rent = rent_at(&snapshot.items, &lease.reference, at.max(lease.start_date));
    out.code = if rent.is_zero() { "3" } else { "4" }.to_string();
    out.rent = rent.max(Money::ZERO);
    out.tenant_no = plain_code(&lease.unit, 13);
    let building = snapshot
        .units
        .iter()
        .find(|u| u.reference == lease.unit)
        .map_or("", |u| u.building.as_str());
    out.programme = plain_code(building, 5);
    (out, who)
}

/// Le fichier de révision rempli : fonction pure du fichier lu et de l'instantané.
pub fn plan_revision(
    bytes: &[u8],
    snapshot: &RevisionSnapshot,
) -> Result<RevisionPlan, CafTreatmentError> {
    let mut file = caf::read(bytes)?;
    check_landlord(&file, &snapshot.landlord_code)?;
    let Details::Revisions(details) = &file.details else {
        return Err(CafTreatmentError::WrongOperation {
            found: "ventilation de paiements",
            hint: "elle se traite par « abri caf traiter FICHIER »",
        });
    };
    let at = rent_date(&file);
    let by_key = claimants(&snapshot.tenants);
    let leases = last_leases(&snapshot.leases);
    let (filled, tenants): (Vec<_>, Vec<_>) = details
        .iter()
        .map(|d| fill_revision(d, snapshot, &by_key, &leases, at))
        .unzip();
    file.details = Details::Revisions(filled);
    let bytes = caf::write(&file)?;
    Ok(RevisionPlan {
        file,
        rent_date: at,
        tenants,
        bytes,
    })
}

/// Compte rendu de la révision : une ligne par allocataire, avec son code et son loyer.
pub fn revision_report(plan: &RevisionPlan) -> String {
    let h = &plan.file.header;
    let mut out = format!(
        "Révision annuelle {} du {} : loyers au {}\n",
        h.nature.code(),
        format_date(h.file_date),
        format_date(plan.rent_date)
    );
    if let Details::Revisions(details) = &plan.file.details {
        for (d, tenant) in details.iter().zip(&plan.tenants) {
            let label = match d.code.as_str() {
                "1" => "allocataire inconnu",
                "2" => "locataire parti",
                "3" => "loyer nul (logé gratuitement)",
                _ => "cas normal",
            };
            out.push_str(&format!(
                "  ligne {:>4}  {}  {:<10}  code {} {:<30}  {:>12}  {} {}\n",
                d.line,
                d.claimant_no,
                tenant.as_deref().unwrap_or("-"),
                d.code,
                label,
                format_money(d.rent),
                d.tenant_no,
                d.programme
            ));
        }
    }
    out
}
