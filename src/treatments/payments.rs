//! Règlements des locataires et remises en banque (S10 ; manuel : « Les règlements »,
//! « Saisie d'un règlement », « Ventilation automatique du règlement »).
//!
//! Deux temps, comme tout traitement : `plan_payments` (pur, sur un `PaymentSnapshot`)
//! produit les pièces et le compte rendu ; `apply_payments` les enregistre toutes dans
//! une transaction, ou aucune. Une simulation s'arrête au plan.
//!
//! Automatismes du manuel (tous deux débrayables par `PaymentOptions`) :
//! - numéro de remise : un par date de valeur et mode de règlement. Une remise existante
//!   de même date et même mode est reprise ; sinon un numéro neuf est formé ainsi :
//!   `R` + date de valeur `AAAAMMJJ` + `-` + mode (`CHQ` chèque, `ESP` espèces, `VIR`
//!   virement, `PRL` prélèvement) + `-` + rang sur deux chiffres, par exemple
//!   `R20260311-CHQ-01`. Un remboursement n'entre dans aucune remise automatique.
//! - mode de règlement de la location : mis à jour par le mode saisi, sauf si la location
//!   est en prélèvement, si le règlement est un prélèvement, un remboursement ou le
//!   versement d'un organisme payeur (il ne dit rien de la façon dont le locataire paie).
//!
//! Les règlements restent des pièces saisies (origine `saisie`) : on les corrige ensuite
//! dans la saisie des pièces, sous les règles du grand livre.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use chrono::NaiveDate;

use crate::documents::{DepositSlipDoc, SlipLine};
use crate::ledger::template::TemplateInput;
use crate::ledger::template::{generate, validate_entries, voucher_label, with_counter_entry};
use crate::ledger::{self, LedgerContext, LedgerError, VoucherDraft};
use crate::model::dates::format_date;
use crate::model::money::format_money;
use crate::model::validate::format_iban;
use crate::model::{
    Journal, JournalKind, Lease, Money, PaymentMode, ThirdParty, ThirdPartyKind, UnitKind,
    VoucherTemplate,
};
use crate::store::{
    BaseStamp, BatchKey, BatchVoucher, PaymentFilter, PaymentSummary, Repo, Session, Store,
    StoreError,
};

// La saisie d'un règlement est une valeur du modèle (le fichier d'import la lit sans
// dépendre des traitements) ; ces chemins restent valables.
pub use crate::model::payment::{PaymentInput, DEFAULT_TEMPLATE};

/// Origine des pièces de règlement : une saisie, modifiable ensuite.
pub const PAYMENT_ORIGIN: &str = "saisie";
/// Début du libellé de l'écriture de trésorerie qui garde la banque tirée d'un chèque.
const BANK_LABEL_PREFIX: &str = "Chèque ";

/// Automatismes de la fenêtre des règlements (menu « Règlements »).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PaymentOptions {
    /// « Numéro de saisie automatique ».
    pub auto_batch: bool,
    /// « Mettre à jour mode règlements location ».
    pub update_lease_mode: bool,
}

impl Default for PaymentOptions {
    fn default() -> Self {
        PaymentOptions {
            auto_batch: true,
            update_lease_mode: true,
        }
    }
}

/// Ce que le plan doit savoir, lu une fois : règles du grand livre, locations, lots,
/// tiers, écritures des locataires concernés, remises existantes.
pub struct PaymentSnapshot {
    pub ctx: Arc<LedgerContext>,
    pub leases: Vec<Lease>,
    /// Lot → (type, code analytique : celui du lot, à défaut celui de l'immeuble).
    pub units: HashMap<String, (UnitKind, String)>,
    pub parties: HashMap<String, ThirdParty>,
    /// Écritures des tiers concernés et remises existantes.
    pub ledger: LedgerReads,
    /// Locataire → indices de ses locations dans `leases`.
    pub leases_of: HashMap<String, Vec<usize>>,
    /// L'état de la base pendant toutes ces lectures (`None` : une pièce, une fiche a
    /// été validée pendant qu'on lisait, ou lecture sur la seconde connexion).
    pub stamp: Option<BaseStamp>,
}

/// Écritures d'un tiers : date de valeur, compte, débit − crédit.
type TiersLines = Vec<(NaiveDate, String, Money)>;

/// Ce que le plan a lu des pièces : les écritures des tiers concernés (tout l'historique,
/// la lecture la plus longue) et les remises existantes, avec le dernier événement du
/// journal des pièces lu juste avant. Le plan les garde : à l'enregistrement, si ce
/// journal n'a pas bougé et que les tiers concernés sont les mêmes, elles sont encore
/// exactes et ne sont pas relues.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LedgerReads {
    /// Dernier événement du journal des pièces avant ces lectures (`None` : aucun).
    pub head: Option<(i64, String)>,
    /// Tiers dont les écritures ont été lues (triés, sans doublon).
    pub who: Vec<String>,
    /// Tiers → écritures (date de valeur, compte, débit − crédit).
    pub lines: Arc<HashMap<String, TiersLines>>,
    /// Remises existantes avec lesquelles les lignes peuvent se confondre (même numéro,
    /// même date de valeur, ou numéro automatique d'une de ces dates).
    pub batches: Vec<BatchKey>,
}

impl LedgerReads {
    /// Lit les écritures des tiers `who` et les remises que `inputs` peuvent reprendre.
    fn load(repo: &Repo, inputs: &[PaymentInput], who: Vec<String>) -> Result<Self, StoreError> {
        // Lu d'abord : une pièce écrite pendant les lectures change l'événement, et
        // l'enregistrement relira tout.
        let head = repo.ledger_head()?;
        // Soldes des tiers nommés : cumul avant la plus ancienne date de valeur des
        // règlements, puis détail par date (la ventilation lit le solde à sa date).
        let mut lines: HashMap<String, TiersLines> = HashMap::new();
        if let Some(since) = inputs.iter().filter_map(|i| i.value_date).min() {
            let wanted: std::collections::HashSet<&str> = who
                .iter()
                .map(String::as_str)
                .filter(|t| !t.is_empty())
                .collect();
            for (tiers, date, account, amount) in repo.tiers_amounts_since(since)? {
                if wanted.contains(tiers.as_str()) {
                    lines
                        .entry(tiers)
                        .or_default()
                        .push((date, account, amount));
                }
            }
        }
        // Seules les remises que les lignes peuvent reprendre ou heurter : celles des
        // numéros saisis, et celles des dates de valeur (remises automatiques).
        let batches = repo.batch_keys_for(
            &inputs
                .iter()
                .map(|i| i.batch_no.clone())
                .collect::<Vec<_>>(),
            &inputs
                .iter()
                .filter_map(|i| i.value_date)
                .collect::<Vec<_>>(),
        )?;
        Ok(LedgerReads {
            head,
            who,
            lines: Arc::new(lines),
            batches,
        })
    }
}

impl PaymentSnapshot {
    /// Lit ce qu'il faut pour planifier `inputs` : les écritures des locataires nommés ou
    /// logés dans les lots nommés, et des organismes payeurs.
    pub fn load(repo: &Repo, inputs: &[PaymentInput]) -> Result<Self, StoreError> {
        Self::load_reusing(repo, inputs, None)
    }

    /// Comme `load`, mais reprend les lectures des pièces `earlier` (celles d'un plan)
    /// si le journal des pièces n'a pas bougé depuis et que les tiers concernés sont les
    /// mêmes ; sinon relit tout.
    fn load_reusing(
        repo: &Repo,
        inputs: &[PaymentInput],
        earlier: Option<&LedgerReads>,
    ) -> Result<Self, StoreError> {
        let before = repo.stamp()?;
        let leases = repo.leases()?;
        let buildings: HashMap<String, crate::model::Building> = repo
            .buildings()?
            .into_iter()
            .map(|b| (b.reference.clone(), b))
            .collect();
        let units = repo
            .units()?
            .into_iter()
            .map(|u| {
                let analytic = u.analytic_code(buildings.get(&u.building));
                (u.reference, (u.kind, analytic))
            })
            .collect();
        let parties = repo
            .third_parties()?
            .into_iter()
            .map(|p| (p.reference.clone(), p))
            .collect();
        let mut who: Vec<String> = Vec::new();
        for input in inputs {
            who.extend(input.tenant.iter().map(|t| t.trim().to_string()));
            who.extend(input.payer.iter().map(|t| t.trim().to_string()));
            if let Some(unit) = &input.unit {
                who.extend(
                    leases
                        .iter()
                        .filter(|l| l.unit == unit.trim())
                        .map(|l| l.tenant.clone()),
                );
            }
        }
        who.sort();
        who.dedup();
        let ledger = match earlier {
            Some(e) if e.who == who && e.head == repo.ledger_head()? => e.clone(),
            _ => LedgerReads::load(repo, inputs, who)?,
        };
        let mut leases_of: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, l) in leases.iter().enumerate() {
            leases_of.entry(l.tenant.clone()).or_default().push(i);
        }
        let ctx = Arc::new(LedgerContext::load(repo)?);
        let after = repo.stamp()?;
        Ok(PaymentSnapshot {
            leases_of,
            ctx,
            leases,
            units,
            parties,
            ledger,
            stamp: before.filter(|_| before == after),
        })
    }
}

/// Un règlement prêt à enregistrer, et ce que les automatismes ont fait.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PlannedPayment {
    pub line: usize,
    pub tenant: String,
    pub tenant_name: String,
    pub unit: Option<String>,
    pub lease: Option<String>,
    pub mode: PaymentMode,
    pub batch_no: String,
    /// Remboursement (la trésorerie est créditée).
    pub refund: bool,
    pub draft: VoucherDraft,
    /// Location dont le mode de règlement change : (location, ancien, nouveau).
    pub lease_mode: Option<(String, PaymentMode, PaymentMode)>,
    /// Automatismes appliqués et avertissements, en français.
    pub notes: Vec<String>,
}

impl PlannedPayment {
    /// Montant du règlement (débit ou crédit de la trésorerie).
    pub fn amount(&self) -> Money {
        self.draft.entries.iter().map(|e| e.debit).sum()
    }
}

/// Le plan d'une saisie de règlements : les pièces, dans l'ordre des lignes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaymentPlan {
    pub inputs: Vec<PaymentInput>,
    pub options: PaymentOptions,
    pub payments: Vec<PlannedPayment>,
    /// Les lectures des pièces sur lesquelles le plan s'appuie (reprises à
    /// l'enregistrement si rien n'a changé).
    pub ledger: LedgerReads,
    /// L'état de la base lu par le plan (voir `PaymentPlan::still_current`).
    read_at: Option<ReadAt>,
}

/// L'état de la base sur lequel un plan a été fait, l'empreinte du plan tel qu'il a été
/// fait, et les règles du grand livre lues dans cet état (reprises à l'enregistrement
/// tant que l'état n'a pas changé).
#[derive(Clone)]
struct ReadAt {
    base: BaseStamp,
    fingerprint: u64,
    ctx: Arc<LedgerContext>,
}

/// Les règles du grand livre se déduisent de l'état : deux relevés se comparent sans elles.
impl PartialEq for ReadAt {
    fn eq(&self, other: &Self) -> bool {
        (self.base, self.fingerprint) == (other.base, other.fingerprint)
    }
}

impl Eq for ReadAt {}

impl std::fmt::Debug for ReadAt {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ReadAt")
            .field("base", &self.base)
            .field("fingerprint", &self.fingerprint)
            .finish_non_exhaustive()
    }
}

/// Empreinte d'un plan : ses lignes, ses options et ses pièces (un plan retouché après
/// coup n'a plus la même).
fn fingerprint(
    inputs: &[PaymentInput],
    options: PaymentOptions,
    payments: &[PlannedPayment],
) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    inputs.hash(&mut hasher);
    options.hash(&mut hasher);
    payments.hash(&mut hasher);
    hasher.finish()
}

impl PaymentPlan {
    /// Les règles du grand livre du plan s'il se referait à l'identique dans la
    /// transaction de `repo` : rien n'a été validé dans la base depuis ses lectures (par
    /// personne : le relevé d'état est le même) et le plan n'a pas été retouché (même
    /// empreinte).
    fn still_current(&self, repo: &Repo) -> Result<Option<Arc<LedgerContext>>, StoreError> {
        let Some(read_at) = &self.read_at else {
            return Ok(None);
        };
        let current = repo.stamp()? == Some(read_at.base)
            && read_at.fingerprint == fingerprint(&self.inputs, self.options, &self.payments);
        Ok(current.then(|| Arc::clone(&read_at.ctx)))
    }

    /// Total du plan (celui du compte rendu) : la somme des montants des règlements.
    pub fn total(&self) -> Money {
        self.payments.iter().map(PlannedPayment::amount).sum()
    }

    /// Compte rendu : une ligne par règlement, ses écritures et les automatismes.
    pub fn report(&self) -> String {
        let mut out = String::new();
        for p in &self.payments {
            out.push_str(&format!(
                "ligne {} : {} {} {} — {} {} le {}{}{}\n",
                p.line,
                if p.refund {
                    "remboursement à"
                } else {
                    "règlement de"
                },
                p.tenant,
                p.tenant_name,
                format_money(p.amount()),
                p.mode.label().to_lowercase(),
                format_date(p.draft.value_date),
                if p.batch_no.is_empty() {
                    String::new()
                } else {
                    format!(", remise {}", p.batch_no)
                },
                p.unit
                    .as_ref()
                    .map(|u| format!(", lot {u}"))
                    .unwrap_or_default(),
            ));
            for e in &p.draft.entries {
                out.push_str(&format!(
                    "    {}{} {}\n",
                    e.account,
                    e.tiers
                        .as_deref()
                        .map(|t| format!(" {t}"))
                        .unwrap_or_default(),
                    if e.debit.is_zero() {
                        format!("crédit {}", format_money(e.credit))
                    } else {
                        format!("débit {}", format_money(e.debit))
                    }
                ));
            }
            for note in &p.notes {
                out.push_str(&format!("    · {note}\n"));
            }
        }
        out.push_str(&format!(
            "{} règlement(s), total {}\n",
            self.payments.len(),
            format_money(self.total())
        ));
        out
    }
}

/// Refus ou échec d'une saisie de règlements.
#[derive(Debug, thiserror::Error)]
pub enum PaymentError {
    /// Lignes refusées : (ligne, raison) ; rien n'est enregistré.
    #[error("{}", format_line_errors(.0))]
    Invalid(Vec<(usize, String)>),
    #[error("les comptes ont changé depuis la préparation des règlements : relancez la saisie")]
    Stale,
    #[error("la remise « {0} » n'existe pas (aucune pièce ne porte ce numéro)")]
    UnknownBatch(String),
    #[error("la remise « {0} » ne contient ni chèque ni espèces : rien à remettre en banque")]
    NothingToDeposit(String),
    #[error("{0}")]
    Ledger(#[from] LedgerError),
    #[error("{0}")]
    Store(#[from] StoreError),
}

/// Les refus d'un plan, une ligne chacun : « ligne N : raison ».
pub fn format_line_errors(errors: &[(usize, String)]) -> String {
    errors
        .iter()
        .map(|(line, message)| match line {
            0 => message.clone(),
            _ => format!("ligne {line} : {message}"),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Code court du mode dans les numéros de remise.
fn mode_code(mode: PaymentMode) -> &'static str {
    match mode {
        PaymentMode::Cheque => "CHQ",
        PaymentMode::Cash => "ESP",
        PaymentMode::Transfer => "VIR",
        PaymentMode::DirectDebit => "PRL",
    }
}

/// Remise d'une date et d'un mode : la dernière existante, sinon la première libre.
fn batch_for(date: NaiveDate, mode: PaymentMode, known: &[BatchKey]) -> String {
    if let Some(existing) = known
        .iter()
        .filter(|k| k.value_date == date && k.mode == Some(mode))
        .map(|k| k.batch_no.clone())
        .max()
    {
        return existing;
    }
    let prefix = format!("R{}-{}-", date.format("%Y%m%d"), mode_code(mode));
    (1..)
        .map(|n| format!("{prefix}{n:02}"))
        .find(|candidate| !known.iter().any(|k| &k.batch_no == candidate))
        .unwrap_or(prefix)
}

/// Le modèle rend-il de l'argent (sa ligne de trésorerie est au crédit) ?
fn is_refund(template: &VoucherTemplate) -> bool {
    template
        .lines
        .iter()
        .any(|l| l.account_code == "%CompteJournal" && !l.credit_code.is_empty())
}

/// Un organisme payeur peut régler avec ce modèle : il encaisse (pas un remboursement)
/// et crédite les comptes du locataire par ventilation, ou nomme l'organisme.
fn fits_payer(template: &VoucherTemplate) -> bool {
    !is_refund(template)
        && template.lines.iter().any(|l| {
            (l.tiers_code == "%TiersR_Piece" && l.credit_code == "%*GestionCAPayer")
                || l.tiers_code == "%TiersR_Organisme"
        })
}

/// Locations en cours à une date : commencées, sans sortie avant.
fn is_current(lease: &Lease, at: NaiveDate) -> bool {
    lease.start_date <= at && lease.move_out_date.is_none_or(|out| out >= at)
}

/// Ce qui a été décidé pour une ligne, avant la pièce.
struct Resolved<'a> {
    tenant: String,
    lease: Option<&'a Lease>,
    notes: Vec<String>,
}

/// Locataire et location d'une ligne : le lot donne le locataire de sa location en cours,
/// le locataire donne sa location (en cours, de préférence sur un lot principal ; à
/// défaut la dernière commencée).
fn resolve<'a>(
    snap: &'a PaymentSnapshot,
    input: &PaymentInput,
    at: NaiveDate,
) -> Result<Resolved<'a>, String> {
    let unit = input
        .unit
        .as_deref()
        .map(str::trim)
        .filter(|u| !u.is_empty());
    let tenant = input
        .tenant
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty());
    let mut notes = Vec::new();
    if let Some(unit) = unit {
        if !snap.units.contains_key(unit) {
            return Err(format!(
                "colonne « lot » : lot « {unit} » inconnu ; corrigez la référence ou laissez le lot vide"
            ));
        }
    }
    let tenant = match (tenant, unit) {
        (Some(t), _) => t.to_string(),
        (None, Some(unit)) => {
            let mut on_unit: Vec<&Lease> = snap
                .leases
                .iter()
                .filter(|l| l.unit == unit && is_current(l, at))
                .collect();
            on_unit.sort_by_key(|l| std::cmp::Reverse(l.start_date));
            let lease = on_unit.first().ok_or_else(|| {
                format!(
                    "colonne « locataire » : aucune location en cours sur le lot « {unit} » au {} ; indiquez le locataire",
                    format_date(at)
                )
            })?;
            notes.push(format!(
                "locataire {} déduit du lot {unit} (location {})",
                lease.tenant, lease.reference
            ));
            lease.tenant.clone()
        }
        (None, None) => {
            return Err(
                "colonne « locataire » : indiquez le locataire (ou le lot de sa location en cours)"
                    .to_string(),
            )
        }
    };
    match snap.parties.get(&tenant) {
        Some(p) if p.kind == ThirdPartyKind::Tenant => {}
        Some(p) => {
            return Err(format!(
                "colonne « locataire » : « {tenant} » est un tiers de type {}, pas un locataire",
                p.kind.label().to_lowercase()
            ))
        }
        None => {
            return Err(format!(
                "colonne « locataire » : locataire « {tenant} » inconnu ; corrigez la référence"
            ))
        }
    }
    let rank = |l: &Lease| {
        let principal = snap
            .units
            .get(&l.unit)
            .is_none_or(|(kind, _)| *kind == UnitKind::Principal);
        (is_current(l, at), principal, l.start_date)
    };
    let mut own: Vec<&Lease> = snap
        .leases_of
        .get(&tenant)
        .map(Vec::as_slice)
        .unwrap_or(&[])
        .iter()
        .filter_map(|i| snap.leases.get(*i))
        .filter(|l| l.start_date <= at)
        .filter(|l| unit.is_none_or(|u| l.unit == u))
        .collect();
    own.sort_by(|a, b| rank(b).cmp(&rank(a)).then(a.reference.cmp(&b.reference)));
    let lease = own.first().copied();
    if let (Some(u), None) = (unit, lease) {
        return Err(format!(
            "colonne « lot » : le locataire « {tenant} » n'a pas de location sur le lot « {u} » au {} ; corrigez le lot ou laissez-le vide",
            format_date(at)
        ));
    }
    if let Some(l) = lease {
        if unit.is_none() {
            notes.push(format!("lot {} de la location {}", l.unit, l.reference));
        }
        if let Some(out) = l.move_out_date.filter(|out| *out < at) {
            notes.push(format!(
                "le locataire a quitté la location {} le {}",
                l.reference,
                format_date(out)
            ));
        }
    }
    Ok(Resolved {
        tenant,
        lease,
        notes,
    })
}

/// État qui évolue d'une ligne à l'autre du plan : écritures, remises, modes des locations.
struct Running {
    lines: HashMap<String, TiersLines>,
    batches: Vec<BatchKey>,
    lease_modes: HashMap<String, PaymentMode>,
}

impl Running {
    /// Soldes « débit − crédit » par (compte, tiers) au `at` pour les tiers donnés.
    fn balances(&self, who: &[&str], at: NaiveDate) -> BTreeMap<(String, String), Money> {
        let mut out = BTreeMap::new();
        for tiers in who {
            for (date, account, amount) in self.lines.get(*tiers).into_iter().flatten() {
                if *date <= at {
                    *out.entry((account.clone(), tiers.to_string()))
                        .or_insert(Money::ZERO) += *amount;
                }
            }
        }
        out
    }
}

/// Prépare les pièces des règlements `inputs` (rien n'est écrit). Les refus sont rendus
/// tous ensemble, chacun avec sa ligne.
pub fn plan_payments(
    snap: &PaymentSnapshot,
    inputs: &[PaymentInput],
    options: PaymentOptions,
) -> Result<PaymentPlan, Vec<(usize, String)>> {
    let mut running = Running {
        lines: (*snap.ledger.lines).clone(),
        batches: snap.ledger.batches.clone(),
        lease_modes: snap
            .leases
            .iter()
            .map(|l| (l.reference.clone(), l.payment_mode))
            .collect(),
    };
    let mut errors = Vec::new();
    let mut payments = Vec::new();
    if inputs.is_empty() {
        errors.push((0, "aucun règlement à enregistrer".to_string()));
    }
    for input in inputs {
        match plan_one(snap, &mut running, input, options) {
            Ok(p) => {
                // Les lignes suivantes voient ce règlement : soldes, remise, mode.
                for e in &p.draft.entries {
                    if let Some(t) = &e.tiers {
                        running.lines.entry(t.clone()).or_default().push((
                            p.draft.value_date,
                            e.account.clone(),
                            e.debit - e.credit,
                        ));
                    }
                }
                let key = BatchKey {
                    value_date: p.draft.value_date,
                    mode: Some(p.mode),
                    batch_no: p.batch_no.clone(),
                };
                // Une remise se retient une fois (pas une fois par règlement : la liste
                // est relue à chaque ligne).
                if !p.batch_no.is_empty() && !running.batches.contains(&key) {
                    running.batches.push(key);
                }
                if let Some((lease, _, mode)) = &p.lease_mode {
                    running.lease_modes.insert(lease.clone(), *mode);
                }
                payments.push(p);
            }
            Err(messages) => errors.extend(messages.into_iter().map(|m| (input.line, m))),
        }
    }
    if errors.is_empty() {
        // Un plan sans refus a une pièce par ligne, dans l'ordre des lignes.
        debug_assert!(payments
            .iter()
            .map(|p| p.line)
            .eq(inputs.iter().map(|i| i.line)));
        let read_at = snap.stamp.map(|base| ReadAt {
            base,
            fingerprint: fingerprint(inputs, options, &payments),
            ctx: Arc::clone(&snap.ctx),
        });
        let plan = PaymentPlan {
            inputs: inputs.to_vec(),
            options,
            payments,
            ledger: snap.ledger.clone(),
            read_at,
        };
        // Le total du plan est la somme de ses écritures (au crédit comme au débit).
        debug_assert!(
            plan.payments
                .iter()
                .flat_map(|p| &p.draft.entries)
                .map(|e| e.credit)
                .sum::<Money>()
                == plan.total()
        );
        Ok(plan)
    } else {
        Err(errors)
    }
}

/// Une ligne de règlement : résoudre (qui, quel modèle, quel mode), former la remise,
/// ventiler (la pièce), contrôler (ce que la ventilation a fait), puis le mode de la
/// location. Chaque étape a sa fonction.
fn plan_one(
    snap: &PaymentSnapshot,
    running: &mut Running,
    input: &PaymentInput,
    options: PaymentOptions,
) -> Result<PlannedPayment, Vec<String>> {
    let mut line = resolve_line(snap, running, input)?;
    let mut notes = std::mem::take(&mut line.notes);
    let batch_no = batch_of(running, input, options, &line, &mut notes)?;
    let allocated = allocate(snap, running, input, &line, &batch_no)?;
    notes.extend(check_allocation(snap, input, &line, &allocated));
    let lease_update = lease_mode_update(running, options, &line);
    if let Some((lease, from, to)) = &lease_update {
        notes.push(format!(
            "mode de règlement de la location {lease} : {} → {}",
            from.label().to_lowercase(),
            to.label().to_lowercase()
        ));
    }
    Ok(PlannedPayment {
        line: input.line,
        tenant: line.tenant,
        tenant_name: allocated.tenant_name,
        unit: allocated.unit,
        lease: line.lease.map(|l| l.reference.clone()),
        mode: line.mode,
        batch_no,
        refund: line.refund,
        draft: allocated.draft,
        lease_mode: lease_update,
        notes,
    })
}

/// Ce que la résolution a décidé pour une ligne : de quoi former la pièce.
struct ResolvedLine<'a> {
    value_date: NaiveDate,
    template: &'a VoucherTemplate,
    journal: &'a Journal,
    refund: bool,
    payer: Option<&'a ThirdParty>,
    tenant: String,
    lease: Option<&'a Lease>,
    mode: PaymentMode,
    /// Automatismes appliqués jusque-là (locataire, lot, mode proposés).
    notes: Vec<String>,
}

/// Résout une ligne : date, montant, modèle, journal, organisme, locataire et location,
/// mode. Toutes les erreurs de la ligne sont rendues ensemble.
fn resolve_line<'a>(
    snap: &'a PaymentSnapshot,
    running: &Running,
    input: &PaymentInput,
) -> Result<ResolvedLine<'a>, Vec<String>> {
    let mut errors = Vec::new();
    if input.value_date.is_none() {
        errors.push("colonne « date_valeur » : la date de valeur est obligatoire".to_string());
    }
    if input.amount <= Money::ZERO {
        errors.push(format!(
            "colonne « montant » : le montant doit être positif (saisi : {}) ; pour rendre de l'argent au locataire, employez le modèle Loc_REMB",
            format_money(input.amount)
        ));
    }
    let template = template_of(snap, input, &mut errors);
    let journal = template.and_then(|t| journal_of(snap, input, t, &mut errors));
    let refund = template.is_some_and(is_refund);
    let payer = payer_of(snap, input, template, &mut errors);
    let Some(value_date) = input.value_date else {
        return Err(errors);
    };
    let resolved = resolve(snap, input, value_date)
        .map_err(|e| errors.push(e))
        .ok();
    let mode = mode_of(running, input, resolved.as_ref(), &mut errors);
    let (Some(template), Some(journal), Some(mode), Some(resolved), true) =
        (template, journal, mode, resolved, errors.is_empty())
    else {
        return Err(errors);
    };
    let mut notes = resolved.notes;
    if input.mode.is_none() {
        notes.push(format!(
            "mode {} proposé par la location",
            mode.label().to_lowercase()
        ));
    }
    Ok(ResolvedLine {
        value_date,
        template,
        journal,
        refund,
        payer,
        tenant: resolved.tenant,
        lease: resolved.lease,
        mode,
        notes,
    })
}

/// Modèle de la ligne : un modèle de trésorerie connu (`Loc_REGL` si vide).
fn template_of<'a>(
    snap: &'a PaymentSnapshot,
    input: &PaymentInput,
    errors: &mut Vec<String>,
) -> Option<&'a VoucherTemplate> {
    let template_ref = if input.template.trim().is_empty() {
        DEFAULT_TEMPLATE
    } else {
        input.template.trim()
    };
    match snap.ctx.templates.get(template_ref) {
        None => {
            errors.push(format!(
                "colonne « modele » : modèle « {template_ref} » inconnu (Loc_REGL pour un règlement, Loc_REMB pour un remboursement)"
            ));
            None
        }
        Some(t) if t.journal_kind != JournalKind::Treasury => {
            errors.push(format!(
                "colonne « modele » : le modèle « {template_ref} » s'emploie dans un journal {}, pas de trésorerie : choisissez un modèle de règlement (Loc_REGL, Loc_REMB…)",
                t.journal_kind.label().to_lowercase()
            ));
            None
        }
        Some(t) => Some(t),
    }
}

/// Journal de la ligne : celui saisi, sinon celui du modèle ; de trésorerie.
fn journal_of<'a>(
    snap: &'a PaymentSnapshot,
    input: &PaymentInput,
    template: &VoucherTemplate,
    errors: &mut Vec<String>,
) -> Option<&'a Journal> {
    let reference = if input.journal.trim().is_empty() {
        template.journal.clone()
    } else {
        input.journal.trim().to_string()
    };
    match snap.ctx.journals.get(&reference) {
        None => {
            errors.push(format!(
                "colonne « journal » : journal « {reference} » inconnu"
            ));
            None
        }
        Some(j) if j.kind != JournalKind::Treasury => {
            errors.push(format!(
                "colonne « journal » : le journal « {reference} » n'est pas un journal de trésorerie (BQ, CAI…)"
            ));
            None
        }
        Some(j) => Some(j),
    }
}

/// Organisme payeur de la ligne (facultatif) : un tiers organisme, avec un modèle qui
/// lui convient.
fn payer_of<'a>(
    snap: &'a PaymentSnapshot,
    input: &PaymentInput,
    template: Option<&VoucherTemplate>,
    errors: &mut Vec<String>,
) -> Option<&'a ThirdParty> {
    let reference = input
        .payer
        .as_deref()
        .map(str::trim)
        .filter(|p| !p.is_empty())?;
    match snap.parties.get(reference) {
        None => {
            errors.push(format!(
                "colonne « organisme » : organisme « {reference} » inconnu dans les tiers"
            ));
            None
        }
        Some(p)
            if !matches!(
                p.kind,
                ThirdPartyKind::PayerBody | ThirdPartyKind::PublicBody
            ) =>
        {
            errors.push(format!(
                "colonne « organisme » : « {reference} » est un tiers de type {} ; un organisme payeur (CAF, FSL…) est de type organisme payeur ou organisme public",
                p.kind.label().to_lowercase()
            ));
            None
        }
        Some(p) => {
            if let Some(t) = template.filter(|t| !fits_payer(t)) {
                errors.push(format!(
                    "colonne « modele » : le modèle « {} » ne convient pas au règlement d'un organisme : choisissez un modèle qui crédite les comptes du locataire (Loc_REGL)",
                    t.reference
                ));
            }
            Some(p)
        }
    }
}

/// Mode de la ligne : celui saisi, sinon celui de la location ; la date du règlement
/// est exigée pour un chèque.
fn mode_of(
    running: &Running,
    input: &PaymentInput,
    resolved: Option<&Resolved>,
    errors: &mut Vec<String>,
) -> Option<PaymentMode> {
    let lease_mode = resolved
        .and_then(|r| r.lease)
        .and_then(|l| running.lease_modes.get(&l.reference).copied());
    let mode = match (input.mode, lease_mode) {
        (Some(m), _) => Some(m),
        (None, Some(m)) => Some(m),
        (None, None) => {
            if resolved.is_some() {
                errors.push(
                    "colonne « mode » : indiquez le mode de règlement (le locataire n'a pas de location pour le proposer)"
                        .to_string(),
                );
            }
            None
        }
    };
    if mode == Some(PaymentMode::Cheque) && input.payment_date.is_none() {
        errors.push(
            "colonne « date_reglement » : la date du règlement (date écrite sur le chèque) est obligatoire pour un chèque"
                .to_string(),
        );
    }
    mode
}

/// Remise : celle saisie (une remise ne mélange ni les dates ni les modes), sinon la
/// remise automatique de la date et du mode.
fn batch_of(
    running: &Running,
    input: &PaymentInput,
    options: PaymentOptions,
    line: &ResolvedLine,
    notes: &mut Vec<String>,
) -> Result<String, Vec<String>> {
    let (value_date, mode) = (line.value_date, line.mode);
    if !input.batch_no.trim().is_empty() {
        let batch = input.batch_no.trim().to_string();
        if let Some(other) = running
            .batches
            .iter()
            .find(|k| k.batch_no == batch && (k.value_date != value_date || k.mode != Some(mode)))
        {
            return Err(vec![format!(
                "colonne « remise » : la remise « {batch} » regroupe déjà des règlements du {}{} ; une remise ne mélange ni les dates de valeur ni les modes de règlement",
                format_date(other.value_date),
                other
                    .mode
                    .map(|m| format!(" en {}", m.label().to_lowercase()))
                    .unwrap_or_default()
            )]);
        }
        Ok(batch)
    } else if options.auto_batch && !line.refund {
        let batch = batch_for(value_date, mode, &running.batches);
        notes.push(format!("remise {batch} (même date de valeur et même mode)"));
        Ok(batch)
    } else {
        Ok(String::new())
    }
}

/// La pièce ventilée d'une ligne, et ce qu'il faut pour la contrôler.
struct Allocated {
    draft: VoucherDraft,
    tenant_name: String,
    unit: Option<String>,
    /// Soldes « débit − crédit » par (compte, tiers) lus par la ventilation.
    balances: BTreeMap<(String, String), Money>,
}

/// Ventile le règlement selon le modèle sur les soldes du locataire (et de l'organisme)
/// à la date de valeur, forme la pièce et la fait valider par les règles du grand livre.
fn allocate(
    snap: &PaymentSnapshot,
    running: &Running,
    input: &PaymentInput,
    line: &ResolvedLine,
    batch_no: &str,
) -> Result<Allocated, Vec<String>> {
    let (template, journal, value_date) = (line.template, line.journal, line.value_date);
    let tenant_name = snap
        .parties
        .get(&line.tenant)
        .map(|p| p.name.clone())
        .unwrap_or_default();
    let unit = line.lease.map(|l| l.unit.clone());
    let analytic = unit
        .as_ref()
        .and_then(|u| snap.units.get(u))
        .map(|(_, a)| a.clone())
        .unwrap_or_default();
    let mut who = vec![line.tenant.as_str()];
    who.extend(line.payer.map(|p| p.reference.as_str()));
    let balances = running.balances(&who, value_date);
    let entries = generate(&TemplateInput {
        template,
        journal,
        accounts: &snap.ctx.accounts,
        tiers: Some(&line.tenant),
        payer: line.payer.map(|p| p.reference.as_str()),
        amount: input.amount,
        analytic: &analytic,
        balances: &balances,
    })
    .map_err(|e| vec![e.to_string()])?;
    let mut entries = validate_entries(entries);
    // La banque tirée d'un chèque est gardée dans le libellé de l'écriture de trésorerie
    // (le bordereau de remise la relit) ; la référence garde le numéro du chèque.
    let bank = input.bank.trim();
    if line.mode == PaymentMode::Cheque && !bank.is_empty() {
        for e in entries
            .iter_mut()
            .filter(|e| e.account == journal.counter_account)
        {
            e.label = format!("{BANK_LABEL_PREFIX}{bank}");
        }
    }
    let draft = with_counter_entry(
        VoucherDraft {
            journal: journal.reference.clone(),
            value_date,
            label: payment_label(line, &tenant_name),
            template: Some(template.reference.clone()),
            tiers: Some(line.tenant.clone()),
            lease: line.lease.map(|l| l.reference.clone()),
            analytic,
            payment_mode: Some(line.mode),
            payment_date: input.payment_date.or(Some(value_date)),
            batch_no: batch_no.to_string(),
            reference: input.reference.trim().to_string(),
            origin: PAYMENT_ORIGIN.to_string(),
            entries,
        },
        journal,
    );
    ledger::validate(&draft, &snap.ctx).map_err(|e| vec![e.to_string()])?;
    // Validée, la pièce est équilibrée : son montant est la somme de ses débits comme de
    // ses crédits.
    debug_assert_eq!(
        draft.entries.iter().map(|e| e.debit).sum::<Money>(),
        draft.entries.iter().map(|e| e.credit).sum::<Money>()
    );
    Ok(Allocated {
        draft,
        tenant_name,
        unit,
        balances,
    })
}

/// Libellé de la pièce. Un organisme règle pour le locataire : les comptes crédités
/// restent ceux du locataire (tiers de la pièce, soumis aux règles des avis), le libellé
/// nomme l'organisme.
fn payment_label(line: &ResolvedLine, tenant_name: &str) -> String {
    let label_name = match line.payer {
        Some(p) => format!("{} pour {tenant_name}", p.name),
        None => tenant_name.to_string(),
    };
    if line.template.label_tokens.is_empty() {
        format!("{} {label_name}", line.template.label)
    } else {
        voucher_label(
            &line.template.label_tokens,
            &label_name,
            line.value_date,
            "",
        )
    }
}

/// Ce que la ventilation a fait, pour le compte rendu : un remboursement qui dépasse le
/// solde créditeur, un règlement qui dépasse ce que doit le locataire, l'organisme.
fn check_allocation(
    snap: &PaymentSnapshot,
    input: &PaymentInput,
    line: &ResolvedLine,
    allocated: &Allocated,
) -> Vec<String> {
    let mut notes = Vec::new();
    let current: Money = allocated
        .balances
        .iter()
        .filter(|((account, tiers), _)| {
            *tiers == line.tenant
                && snap
                    .ctx
                    .accounts
                    .get(account)
                    .is_some_and(|a| a.gestion.is_some() && a.class() == Some(4))
        })
        .map(|(_, b)| *b)
        .sum();
    if line.refund {
        if input.amount > -current {
            notes.push(format!(
                "attention : le remboursement ({}) dépasse le solde créditeur du locataire ({}) ; son compte devient débiteur",
                format_money(input.amount),
                format_money((-current).max(Money::ZERO))
            ));
        }
    } else if input.amount > current {
        notes.push(format!(
            "le règlement dépasse ce que doit le locataire ({}) : le surplus de {} va au crédit du compte de loyer (LO)",
            format_money(current.max(Money::ZERO)),
            format_money(input.amount - current.max(Money::ZERO))
        ));
    }
    if let Some(p) = line.payer {
        notes.push(format!("versé par {} ({})", p.name, p.reference));
    }
    notes
}

/// Mode de règlement de la location mis à jour par le mode saisi (sauf prélèvement,
/// remboursement, organisme) : (location, ancien, nouveau).
fn lease_mode_update(
    running: &Running,
    options: PaymentOptions,
    line: &ResolvedLine,
) -> Option<(String, PaymentMode, PaymentMode)> {
    let l = line.lease?;
    let current_mode = running
        .lease_modes
        .get(&l.reference)
        .copied()
        .unwrap_or(l.payment_mode);
    let wanted = options.update_lease_mode
        && !line.refund
        && line.payer.is_none()
        && is_current(l, line.value_date)
        && !l.locked
        && !l.payment.direct_debit
        && current_mode != PaymentMode::DirectDebit
        && line.mode != PaymentMode::DirectDebit
        && line.mode != current_mode;
    wanted.then(|| (l.reference.clone(), current_mode, line.mode))
}

/// Enregistre les règlements du plan dans une seule transaction : toutes les pièces (par
/// `ledger::post`) et les modes de règlement des locations, ou rien. Si rien n'a été
/// validé dans la base depuis le plan et qu'il n'a pas été retouché, il s'enregistre tel
/// quel. Sinon il est refait dans la transaction ; s'il diffère (soldes changés
/// entre-temps), rien n'est écrit. Les écritures et remises lues pour le plan sont alors
/// reprises si le journal des pièces n'a pas bougé ; le reste (locations, tiers, règles)
/// est relu.
/// Renvoie les numéros des pièces, dans l'ordre du plan.
pub fn apply_payments(
    store: &mut Store,
    session: &Session,
    plan: &PaymentPlan,
) -> Result<Vec<String>, PaymentError> {
    store.write(session, "saisie de règlements", |repo| {
        post_payments(repo, plan)
    })
}

/// Enregistre les règlements du plan dans la transaction de `repo` (voir
/// `apply_payments`), pour un traitement qui les passe avec d'autres écritures.
pub fn post_payments(repo: &Repo, plan: &PaymentPlan) -> Result<Vec<String>, PaymentError> {
    // Rien n'a changé depuis le plan : il s'enregistre tel quel. Sinon, il est refait
    // sur l'état de la base à cet instant et doit donner les mêmes pièces.
    let ctx = if let Some(ctx) = plan.still_current(repo)? {
        ctx
    } else {
        let snap = PaymentSnapshot::load_reusing(repo, &plan.inputs, Some(&plan.ledger))?;
        let again =
            plan_payments(&snap, &plan.inputs, plan.options).map_err(PaymentError::Invalid)?;
        if again.payments != plan.payments {
            return Err(PaymentError::Stale);
        }
        snap.ctx
    };
    repo.before_voucher_batch(plan.payments.len())?;
    let mut numbers = Vec::with_capacity(plan.payments.len());
    for p in &plan.payments {
        numbers.push(ledger::post(repo, &ctx, &p.draft)?);
    }
    for p in &plan.payments {
        if let Some((lease, _, mode)) = &p.lease_mode {
            repo.set_lease_payment_mode(lease, *mode)?;
        }
    }
    Ok(numbers)
}

/// Banque tirée relue dans le libellé de l'écriture de trésorerie.
fn bank_of(treasury_label: &str) -> String {
    treasury_label
        .strip_prefix(BANK_LABEL_PREFIX)
        .unwrap_or("")
        .trim()
        .to_string()
}

/// Bordereau de remise en banque d'une remise : ses chèques (banque, numéro) et ses
/// espèces ; les virements, prélèvements et remboursements n'y figurent pas.
pub fn slip_from_batch(
    landlord_name: &str,
    account: &str,
    batch_no: &str,
    vouchers: &[BatchVoucher],
) -> Result<DepositSlipDoc, PaymentError> {
    let Some(first) = vouchers.first() else {
        return Err(PaymentError::UnknownBatch(batch_no.to_string()));
    };
    let line = |v: &BatchVoucher| SlipLine {
        tenant_name: v.tiers_name.clone(),
        bank: bank_of(&v.treasury_label),
        reference: v.reference.clone(),
        amount: v.treasury_debit,
    };
    let deposited = |v: &&BatchVoucher, mode: PaymentMode| {
        v.mode == Some(mode) && v.treasury_debit > Money::ZERO
    };
    let slip = DepositSlipDoc {
        landlord_name: landlord_name.to_string(),
        account: account.to_string(),
        batch_no: batch_no.to_string(),
        date: first.value_date,
        cheques: vouchers
            .iter()
            .filter(|v| deposited(v, PaymentMode::Cheque))
            .map(line)
            .collect(),
        cash: vouchers
            .iter()
            .filter(|v| deposited(v, PaymentMode::Cash))
            .map(line)
            .collect(),
    };
    if slip.cheques.is_empty() && slip.cash.is_empty() {
        return Err(PaymentError::NothingToDeposit(batch_no.to_string()));
    }
    Ok(slip)
}

/// Bordereau d'une remise lu en base : le bailleur, son compte, les pièces de la remise.
pub fn deposit_slip(
    store: &Store,
    session: &Session,
    batch_no: &str,
) -> Result<DepositSlipDoc, PaymentError> {
    let landlord = store.landlord(session)?;
    let vouchers = store.read(session).batch_vouchers(batch_no)?;
    let account = match (landlord.iban.trim(), landlord.bic.trim()) {
        ("", _) => String::new(),
        (iban, "") => format_iban(iban),
        (iban, bic) => format!("{} — BIC {bic}", format_iban(iban)),
    };
    slip_from_batch(&landlord.name, &account, batch_no.trim(), &vouchers)
}

/// Les règlements enregistrés du filtre (liste de la fenêtre Règlements), au plus `max` ;
/// `true` si le filtre en a davantage.
pub fn booked_payments(
    repo: &Repo,
    filter: PaymentFilter,
    max: usize,
) -> Result<(Vec<PaymentSummary>, bool), StoreError> {
    let mut rows = repo.payment_summaries(&PaymentFilter {
        limit: Some(max + 1),
        ..filter
    })?;
    let truncated = rows.len() > max;
    rows.truncate(max);
    Ok((rows, truncated))
}

/// Banque tirée d'un règlement (chèque), gardée dans le libellé de son écriture de
/// trésorerie.
pub fn drawn_bank(payment: &PaymentSummary) -> String {
    bank_of(&payment.treasury_label)
}

/// Nombre et total des règlements.
pub fn payments_total<'a>(rows: impl IntoIterator<Item = &'a PaymentSummary>) -> (usize, Money) {
    rows.into_iter()
        .fold((0, Money::ZERO), |(n, total), p| (n + 1, total + p.amount))
}
