//! Le store : tout l'accès à la base, derrière des traits groupés par agrégat
//! (immeubles, locataires, locations, documents, livres…). Les traitements et
//! l'interface n'emploient que ces traits (le type `Repo`) et les types de ce module ;
//! le SQL est dans `sqlite/`, où un second moteur (PostgreSQL) viendra se placer à côté
//! sans toucher aux traitements. Les pièces ne s'écrivent que par le grand livre
//! (`ledger::books::Books`, dont les écritures demandent une porte que lui seul ouvre).

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::ledger::balance::PostedEntry;
use crate::ledger::hash::{HashInput, LedgerEvent};
use crate::ledger::LedgerLine;
use crate::model::{
    Account, AllocationKey, Bank, Building, ChargeItem, DocumentKind, Journal, Lease, LeaseExit,
    LeaseItem, LeasePeriod, Money, PaymentMode, RentIndex, Tenant, TenantDocument, ThirdParty,
    Unit, VoucherTemplate,
};

pub mod sqlite;

pub use crate::ledger::books::{Books, StoredVoucher};
pub use crate::model::{Session, StoreError};
pub use sqlite::{migrate, verify, Store, SCHEMA_VERSION};

pub type Result<T> = std::result::Result<T, StoreError>;

/// Un dépôt : l'accès aux fiches d'un bailleur, en lecture (hors transaction) ou en
/// écriture (dans la transaction de `Store::write`), quel que soit le moteur.
pub type Repo<'a> = dyn Repository + 'a;

/// Tout ce qu'un dépôt sait faire : les traits de chaque agrégat, plus le relevé de
/// l'état de la base, les comptes de lignes et les lectures en parallèle.
pub trait Repository:
    Books
    + Buildings
    + Tenants
    + Leases
    + AllocationKeys
    + Catalogues
    + Documents
    + Payments
    + Entries
    + DirectDebits
    + Revisions
    + MoveOuts
    + CafFiles
{
    /// L'état de la base vu par ce dépôt (rien pour la seconde connexion).
    fn stamp(&self) -> Result<Option<BaseStamp>>;

    /// Nombre de lignes du bailleur dans une table (comptes rendus, tests).
    fn count(&self, table: &'static str) -> Result<i64>;

    /// Fait `there` sur une seconde connexion pendant que `here` se fait sur celle du
    /// dépôt (voir `beside`, la forme à employer).
    fn beside_each(&self, there: &mut (dyn FnMut(&Repo) + Send), here: &mut dyn FnMut(&Repo));

    /// Passe chaque écriture jusqu'à `to`, dans l'ordre des pièces, à `visit` ; la même
    /// `LedgerLine` est réemployée d'une écriture à l'autre (voir `each_ledger_line_ref`).
    fn visit_ledger_lines(
        &self,
        to: Option<NaiveDate>,
        visit: &mut dyn FnMut(&LedgerLine) -> Result<()>,
    ) -> Result<()>;
}

impl<'a> dyn Repository + 'a {
    /// Fait `there` sur la seconde connexion de la base pendant que `here` se fait sur
    /// celle du dépôt, sur deux cœurs ; rend les deux résultats. Lectures seulement :
    /// `there` reçoit un dépôt en lecture seule. Tout se fait l'un après l'autre, sur ce
    /// dépôt, pour une base en mémoire, si la seconde connexion ne s'ouvre pas, ou si le
    /// dépôt a déjà écrit (la seconde connexion ne verrait pas ces écritures non
    /// validées). Dans une écriture (`Store::write`), qui tient le verrou d'écriture
    /// depuis son début, les deux côtés lisent la même base.
    pub fn beside<A: Send, B>(
        &self,
        there: impl FnOnce(&Repo) -> A + Send,
        here: impl FnOnce(&Repo) -> B,
    ) -> (A, B) {
        let (mut there, mut here) = (Some(there), Some(here));
        let (mut a, mut b) = (None, None);
        self.beside_each(
            &mut |repo| {
                if let Some(f) = there.take() {
                    a = Some(f(repo));
                }
            },
            &mut |repo| {
                if let Some(f) = here.take() {
                    b = Some(f(repo));
                }
            },
        );
        // un côté que `beside_each` n'aurait pas fait se fait ici, sur ce dépôt
        let a = match (a, there) {
            (Some(a), _) => a,
            (None, Some(f)) => f(self),
            (None, None) => unreachable!("`there` est fait ou encore là"),
        };
        let b = match (b, here) {
            (Some(b), _) => b,
            (None, Some(f)) => f(self),
            (None, None) => unreachable!("`here` est fait ou encore là"),
        };
        (a, b)
    }

    /// Passe chaque écriture jusqu'à `to`, dans l'ordre des pièces, à `visit` sans tout
    /// garder en mémoire (FEC d'un million d'écritures).
    pub fn each_ledger_line<E: From<StoreError>>(
        &self,
        to: Option<NaiveDate>,
        mut visit: impl FnMut(LedgerLine) -> std::result::Result<(), E>,
    ) -> std::result::Result<(), E> {
        self.each_ledger_line_ref(to, |line| visit(line.clone()))
    }

    /// Comme `each_ledger_line`, mais chaque écriture est prêtée : la même `LedgerLine`
    /// est réemployée d'une écriture à l'autre, sans allocation par écriture (FEC).
    pub fn each_ledger_line_ref<E: From<StoreError>>(
        &self,
        to: Option<NaiveDate>,
        mut visit: impl FnMut(&LedgerLine) -> std::result::Result<(), E>,
    ) -> std::result::Result<(), E> {
        let mut stopped: Option<E> = None;
        let outcome = self.visit_ledger_lines(to, &mut |line| {
            visit(line).map_err(|e| {
                stopped = Some(e);
                StoreError::Interrupted
            })
        });
        match stopped {
            Some(e) => Err(e),
            None => outcome.map_err(E::from),
        }
    }
}

/// Un avis déjà généré, tel que la génération suivante doit le connaître.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoticeIndex {
    pub number: String,
    pub lease: String,
    pub period_start: NaiveDate,
    pub period_end: NaiveDate,
    pub value_date: NaiveDate,
}

/// Une écriture d'un tiers, pour le relevé imprimé sur les avis.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TiersMovement {
    pub tiers: String,
    pub account: String,
    pub number: String,
    pub value_date: NaiveDate,
    pub label: String,
    pub debit: Money,
    pub credit: Money,
}

/// Filtre de la liste des documents.
#[derive(Debug, Clone, Default)]
pub struct DocumentFilter {
    pub kind: Option<DocumentKind>,
    pub lease: Option<String>,
    pub tenant: Option<String>,
    /// Période (avis) ou date de valeur (autres documents) comprise entre ces dates.
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub numbers: Option<Vec<String>>,
    /// Au plus ce nombre de documents (les premiers par numéro).
    pub limit: Option<usize>,
}

/// Une remise déjà employée : date de valeur, mode, numéro.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BatchKey {
    pub value_date: NaiveDate,
    pub mode: Option<PaymentMode>,
    pub batch_no: String,
}

/// Une pièce d'une remise, telle que le bordereau l'imprime.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BatchVoucher {
    pub number: String,
    pub value_date: NaiveDate,
    pub mode: Option<PaymentMode>,
    pub payment_date: Option<NaiveDate>,
    /// Référence de la pièce (numéro de chèque).
    pub reference: String,
    pub tiers: String,
    pub tiers_name: String,
    pub label: String,
    /// Débit et crédit du compte de trésorerie du journal (contrepartie).
    pub treasury_debit: Money,
    pub treasury_credit: Money,
    /// Libellé de l'écriture de trésorerie (banque tirée d'un chèque).
    pub treasury_label: String,
}

/// Filtre de la liste des règlements (fenêtre Règlements) : seuls les critères donnés
/// entrent dans la requête.
#[derive(Debug, Clone, Default)]
pub struct PaymentFilter {
    /// Date de valeur comprise entre ces dates (incluses).
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    /// Référence du journal.
    pub journal: Option<String>,
    pub mode: Option<PaymentMode>,
    /// Numéro de remise.
    pub batch_no: Option<String>,
    /// Référence du locataire (tiers de la pièce).
    pub tiers: Option<String>,
    /// Au plus ce nombre de règlements (les premiers par numéro de pièce).
    pub limit: Option<usize>,
}

/// Un règlement enregistré : une pièce scellée d'un journal de trésorerie, faite sur un
/// modèle de règlement ou portant un mode de règlement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaymentSummary {
    /// Numéro de la pièce.
    pub number: String,
    pub journal: String,
    pub value_date: NaiveDate,
    /// Référence et nom du tiers de la pièce (le locataire).
    pub tiers: String,
    pub tiers_name: String,
    pub lease: String,
    pub mode: Option<PaymentMode>,
    pub payment_date: Option<NaiveDate>,
    pub batch_no: String,
    /// Référence de la pièce (numéro de chèque).
    pub reference: String,
    pub template: String,
    /// Libellé de l'écriture de trésorerie (banque tirée d'un chèque).
    pub treasury_label: String,
    /// Ventilation : crédit − débit de chaque compte autre que celui de trésorerie du
    /// journal, dans l'ordre des écritures.
    pub allocation: Vec<(String, Money)>,
    /// Montant du règlement : la somme de la ventilation (égale, la pièce étant
    /// équilibrée, au débit net du compte de trésorerie ; négatif pour un remboursement).
    pub amount: Money,
}

/// Filtre de la liste des pièces (fenêtre Écritures) : seuls les critères donnés entrent
/// dans la requête.
#[derive(Debug, Clone, Default)]
pub struct VoucherFilter {
    /// Date de valeur comprise entre ces dates (incluses).
    pub from: Option<chrono::NaiveDate>,
    pub to: Option<chrono::NaiveDate>,
    /// Référence du journal.
    pub journal: Option<String>,
    /// Référence d'un tiers : les pièces dont une écriture porte sur lui.
    pub tiers: Option<String>,
    /// Au plus ce nombre de pièces (les premières par numéro).
    pub limit: Option<usize>,
}

/// Une pièce dans la liste : son en-tête, le total de ses débits et son nombre
/// d'écritures.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VoucherSummary {
    pub number: String,
    pub journal: String,
    pub value_date: chrono::NaiveDate,
    pub label: String,
    pub template: String,
    pub tiers: String,
    pub amount: crate::model::Money,
    pub lines: usize,
}

/// L'état d'une base vu par une connexion : si deux relevés sont égaux, rien n'a été
/// validé entre les deux, ni par une autre connexion (`PRAGMA data_version`), ni par
/// celle-ci (nombre de lignes modifiées depuis son ouverture). Un plan fait sur cet état
/// se refait donc à l'identique tant que le relevé ne change pas.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BaseStamp {
    pub(in crate::store) store: u64,
    pub(in crate::store) data_version: i64,
    pub(in crate::store) changes: u64,
}

/// Immeubles et lots.
pub trait Buildings {
    /// Ajoute un immeuble (valeurs par défaut complétées, fiche validée).
    fn insert_building(&self, building: &Building) -> Result<()>;

    /// Modifie l'immeuble `reference` (sa référence ne change pas).
    fn update_building(&self, reference: &str, building: &Building) -> Result<()>;

    /// Supprime un immeuble auquel rien ne renvoie (ni lot, ni écriture analytique) ; ses
    /// clés de répartition partent avec lui.
    fn delete_building(&self, reference: &str) -> Result<()>;

    /// Immeubles du bailleur, par référence.
    fn buildings(&self) -> Result<Vec<Building>>;

    /// Ajoute un lot rattaché à un immeuble existant.
    fn insert_unit(&self, unit: &Unit) -> Result<()>;

    /// Modifie le lot `reference` (sa référence ne change pas ; le changement d'immeuble
    /// est permis, l'application le fait confirmer).
    fn update_unit(&self, reference: &str, unit: &Unit) -> Result<()>;

    /// Supprime un lot auquel rien ne renvoie (aucune location, aucune écriture analytique
    /// propre).
    fn delete_unit(&self, reference: &str) -> Result<()>;

    /// Lots du bailleur, par référence.
    fn units(&self) -> Result<Vec<Unit>>;
}

/// Tiers et locataires.
pub trait Tenants {
    /// Ajoute un tiers.
    fn insert_third_party(&self, party: &ThirdParty) -> Result<i64>;

    /// Modifie le tiers `reference` (sa référence ne change pas). Le tiers d'un locataire
    /// reste de type « locataire ».
    fn update_third_party(&self, reference: &str, party: &ThirdParty) -> Result<()>;

    /// Supprime un tiers auquel rien ne renvoie. Le tiers d'un locataire part avec lui.
    fn delete_third_party(&self, reference: &str) -> Result<()>;

    /// Ajoute un locataire, son tiers (même référence, type locataire) et ses
    /// allocations logement. L'état est toujours « Candidat » à la création.
    fn insert_tenant(&self, tenant: &Tenant) -> Result<()>;

    /// Modifie le locataire `reference` (sa référence ne change pas) : ses allocations
    /// sont remplacées par celles de la fiche, son état suit ses locations, son tiers
    /// reprend son nom, son adresse d'envoi, son téléphone et son courriel.
    fn update_tenant(&self, reference: &str, tenant: &Tenant) -> Result<()>;

    /// Supprime un locataire (avec ses allocations et son tiers) qui n'a ni location, ni
    /// écriture à son compte.
    fn delete_tenant(&self, reference: &str) -> Result<()>;

    /// Locataires du bailleur, par référence, avec leurs allocations.
    fn tenants(&self) -> Result<Vec<Tenant>>;
}

/// Locations, périodes et rubriques.
pub trait Leases {
    /// Ajoute une location ; le locataire passe à l'état « Locataire ».
    fn insert_lease(&self, lease: &Lease) -> Result<()>;

    /// Locations du bailleur, par référence.
    fn leases(&self) -> Result<Vec<Lease>>;

    /// Ajoute une période à une location.
    fn insert_period(&self, period: &LeasePeriod) -> Result<()>;

    /// Périodes de toutes les locations, par location puis début.
    fn periods(&self) -> Result<Vec<LeasePeriod>>;

    /// Ajoute une rubrique à une location.
    fn insert_lease_item(&self, item: &LeaseItem) -> Result<()>;

    /// Rubriques de toutes les locations, par location, rubrique, début.
    fn lease_items(&self) -> Result<Vec<LeaseItem>>;

    /// Modifie la location `reference` (sa référence ne change pas). Une location qui a
    /// déjà des pièces ou des documents garde son lot, son locataire, et ne commence pas
    /// après sa première pièce.
    fn update_lease(&self, reference: &str, lease: &Lease) -> Result<()>;

    /// Supprime une location qui n'a encore rien produit (ni pièce, ni document), avec ses
    /// périodes et ses rubriques ; son locataire redevient candidat s'il n'en a pas d'autre.
    fn delete_lease(&self, reference: &str) -> Result<()>;

    /// Modifie la période de la location qui commençait le `start` (son début peut
    /// changer, s'il n'est pas celui d'une autre période).
    fn update_period(&self, start: NaiveDate, period: &LeasePeriod) -> Result<()>;

    /// Supprime une période. La seule période d'une location qui a déjà des avis reste
    /// (sans période, plus d'avis) : elle se modifie.
    fn delete_period(&self, lease: &str, start: NaiveDate) -> Result<()>;

    /// Modifie la rubrique `item_ref` du `start` de la location : ses montants (révision),
    /// sa fin, ses indicateurs. La rubrique du catalogue et le début l'identifient et ne
    /// changent pas ; une rubrique déjà portée par un avis garde sa gestion et son objet.
    fn update_lease_item(&self, item_ref: &str, start: NaiveDate, item: &LeaseItem) -> Result<()>;

    /// Supprime une rubrique de location qu'aucun avis n'a portée et qu'aucun document
    /// (appel de dépôt, facture par échéances) n'a créée.
    fn delete_lease_item(&self, lease: &str, item_ref: &str, start: NaiveDate) -> Result<()>;
}

/// Clés de répartition et tantièmes.
pub trait AllocationKeys {
    /// Ajoute une clé de répartition à un immeuble, avec ses tantièmes.
    fn insert_allocation_key(&self, key: &AllocationKey) -> Result<()>;

    /// Modifie la clé `code` de son immeuble : libellé, ordre, total et tantièmes (le code
    /// l'identifie et ne change pas).
    fn update_allocation_key(&self, code: &str, key: &AllocationKey) -> Result<()>;

    /// Supprime une clé de répartition et ses tantièmes.
    fn delete_allocation_key(&self, building: &str, code: &str) -> Result<()>;

    /// Clés de répartition du bailleur avec leurs tantièmes, par immeuble, ordre, code.
    fn allocation_keys(&self) -> Result<Vec<AllocationKey>>;
}

/// Catalogues : comptes, journaux, modèles, rubriques, banques, indices (les lectures dont le grand livre a besoin sont dans `Books`).
pub trait Catalogues {
    fn insert_account(&self, a: &Account) -> Result<()>;

    fn insert_journal(&self, j: &Journal) -> Result<()>;

    /// Ajoute un modèle comptable et ses lignes.
    fn insert_template(&self, t: &VoucherTemplate) -> Result<()>;

    fn insert_charge_item(&self, c: &ChargeItem) -> Result<()>;

    fn charge_items(&self) -> Result<Vec<ChargeItem>>;

    fn insert_bank(&self, b: &Bank) -> Result<()>;

    fn banks(&self) -> Result<Vec<Bank>>;

    /// Ajoute (ou laisse tel quel s'il existe) une valeur d'indice — catalogue partagé.
    fn upsert_index(&self, i: &RentIndex) -> Result<()>;

    fn indices(&self) -> Result<Vec<RentIndex>>;
}

/// Documents des locataires : avis, quittances, appels, factures.
pub trait Documents {
    /// Prochain numéro de document de l'année : lettre du type + année + 6 chiffres.
    /// La séquence est commune à tous les types, sans trou tant qu'on ne supprime pas.
    fn next_document_number(&self, kind: DocumentKind, year: i32) -> Result<String>;

    /// Enregistre un document et ses lignes ; rend son numéro. La pièce, s'il y en a
    /// une, est déjà enregistrée par le grand livre.
    fn insert_document(&self, doc: &TenantDocument) -> Result<String>;

    /// Enregistre un document sous le numéro donné (un traitement qui en crée des milliers
    /// tient la séquence lui-même et inscrit une seule entrée au journal d'audit).
    fn insert_document_numbered(&self, doc: &TenantDocument, number: &str) -> Result<()>;

    /// Documents du bailleur selon le filtre, par numéro, avec leurs lignes.
    fn documents(&self, filter: &DocumentFilter) -> Result<Vec<TenantDocument>>;

    /// Les mêmes documents sans leurs lignes (liste de la fenêtre Avis : une requête, et
    /// seulement les documents du filtre).
    fn document_headers(&self, filter: &DocumentFilter) -> Result<Vec<TenantDocument>>;

    /// Un document par son numéro.
    fn document(&self, number: &str) -> Result<Option<TenantDocument>>;

    /// Les avis générés (sans leurs lignes), pour la génération suivante.
    fn notice_index(&self) -> Result<Vec<NoticeIndex>>;

    /// Les avis dont la période finit le `from` ou après (tous sans date), par location
    /// et période : ceux qui peuvent empêcher l'avis d'une période commençant le `from`
    /// (index `document_period`, sans relire tout l'historique).
    fn notices_ending_from(&self, from: Option<NaiveDate>) -> Result<Vec<NoticeIndex>>;

    /// Montants déjà facturés par les avis, par (location, rubrique, début de rubrique),
    /// pour les locations qui ont une rubrique plafonnée : le cumul qui se compare au
    /// plafond.
    fn billed_by_item(&self) -> Result<HashMap<(String, String, NaiveDate), Money>>;

    /// Soldes « débit − crédit » par (tiers, compte de gestion) des écritures datées au
    /// plus tard `at`, pour tous les tiers. Seuls les comptes de gestion (LO, DG, DV, EV)
    /// sont lus : l'index des soldes commence par le compte, les écritures des autres
    /// comptes (banque, produits) ne sont pas parcourues.
    fn gestion_balances(&self, at: NaiveDate) -> Result<HashMap<(String, String), Money>>;

    /// Écritures des tiers de date de valeur dans ]after, to], par date, pièce et ligne
    /// (relevés des avis). Lues à partir des pièces de la période (index des dates) : le
    /// coût suit la période, pas l'historique.
    fn tiers_movements(
        &self,
        after: Option<NaiveDate>,
        to: NaiveDate,
    ) -> Result<Vec<TiersMovement>>;

    /// Écritures d'un tiers de date de valeur dans ]after, to] (toutes jusqu'au `to` sans
    /// `after`), par date, pièce et ligne : relevé d'un locataire jamais avisé, ou dont le
    /// dernier avis est ancien (facturation trimestrielle). Lues par l'index des soldes
    /// (`landlord_accounts!`, le tiers et la date).
    fn tiers_movements_of(
        &self,
        tiers: &str,
        after: Option<NaiveDate>,
        to: NaiveDate,
    ) -> Result<Vec<TiersMovement>>;

    /// Supprime un document, ses lignes et la rubrique d'échéance qu'il a créée. Sa pièce
    /// est supprimée avant par le grand livre.
    fn delete_document(&self, number: &str) -> Result<()>;

    /// Coche ou décoche l'indicateur d'impression de l'avis ou de la quittance.
    fn set_printed(&self, numbers: &[String], receipt: bool, printed: bool) -> Result<usize>;

    /// Message propre à un document (onglet Observations de la fenêtre Avis).
    fn set_document_message(&self, number: &str, message: &str) -> Result<()>;

    /// Ajoute la rubrique d'échéance d'un appel de dépôt ou d'une facture, rattachée au
    /// document pour partir avec lui.
    fn insert_document_item(&self, item: &LeaseItem, document: &str) -> Result<()>;
}

/// Règlements et remises.
pub trait Payments {
    /// Écritures de tous les tiers, pour la ventilation des règlements : un cumul par
    /// (tiers, compte) des écritures antérieures à `since` (daté de la veille), puis un
    /// cumul par (tiers, compte, date) à partir de `since`. Une seule lecture sur l'index
    /// des soldes, au lieu d'une situation par locataire, limitée aux comptes collectifs :
    /// le grand livre n'accepte un tiers que sur eux (banque et produits, les deux tiers
    /// des écritures, ne sont pas parcourus).
    fn tiers_amounts_since(
        &self,
        since: NaiveDate,
    ) -> Result<Vec<(String, NaiveDate, String, Money)>>;

    /// Les remises existantes avec lesquelles des règlements peuvent se confondre :
    /// celles qui portent un des numéros saisis `batch_nos`, et pour chaque date de valeur
    /// de `dates` celles de cette date et celles dont le numéro est un numéro automatique
    /// de cette date (`R` + `AAAAMMJJ` + `-`). Rangées par numéro, date, puis mode, comme
    /// la lecture de toutes les remises qu'elle remplace (`tests/payments.rs`), sans
    /// parcourir toutes les pièces (index `voucher_batch`, et `voucher_date` pour les dates).
    fn batch_keys_for(&self, batch_nos: &[String], dates: &[NaiveDate]) -> Result<Vec<BatchKey>>;

    /// Les règlements enregistrés du filtre, par numéro de pièce, avec leur ventilation.
    /// La période passe par l'index (bailleur, date de valeur) des pièces, les écritures
    /// de chaque pièce par l'index (pièce, ligne) : la liste d'un mois ne lit que les
    /// pièces du mois.
    fn payment_summaries(&self, filter: &PaymentFilter) -> Result<Vec<PaymentSummary>>;

    /// Pièces scellées d'une remise, par numéro, avec leur montant de trésorerie.
    fn batch_vouchers(&self, batch_no: &str) -> Result<Vec<BatchVoucher>>;

    /// Change le seul mode de règlement d'une location (automatisme de la saisie des
    /// règlements) ; l'audit garde l'ancien et le nouveau mode.
    fn set_lease_payment_mode(&self, lease: &str, mode: PaymentMode) -> Result<()>;
}

/// Lectures du grand livre : listes de pièces, écritures, sommes, journal des pièces ; réglages de verrouillage.
pub trait Entries {
    /// Les pièces scellées du filtre, par numéro, sans leurs écritures. La période passe
    /// par l'index (bailleur, date de valeur), le tiers par l'index des écritures du
    /// tiers : la liste d'un mois ne lit que les pièces du mois.
    fn voucher_summaries(&self, filter: &VoucherFilter) -> Result<Vec<VoucherSummary>>;

    /// Avant d'écrire `count` pièces d'un coup : les identifiants de toutes les locations
    /// et de tous les tiers du bailleur, lus en une requête chacun plutôt qu'un par pièce
    /// par `voucher_links` (une location n'a en général qu'une pièce par traitement).
    fn before_voucher_batch(&self, count: usize) -> Result<()>;

    /// Fixe la date de clôture des saisies et le délai de modification autorisé.
    fn set_lock_settings(&self, closing: Option<chrono::NaiveDate>, delay_days: u32) -> Result<()>;

    /// Écritures des pièces scellées datées au plus tard `to` (toutes si `None`), par
    /// numéro de pièce puis ligne.
    fn ledger_lines(&self, to: Option<chrono::NaiveDate>) -> Result<Vec<LedgerLine>>;

    /// Écritures d'un tiers jusqu'à `to` (situation d'un locataire), par numéro de pièce
    /// puis ligne. Ne lit que les écritures du tiers (`landlord_accounts!`), sans tri SQL.
    fn tiers_lines(&self, tiers: &str, to: Option<chrono::NaiveDate>) -> Result<Vec<LedgerLine>>;

    /// Écritures cumulées par (compte, tiers) : une ligne pour l'antérieur (datée de la
    /// veille de `from`) et une pour la période, jusqu'à `to`. La balance, additive, donne
    /// sur ces cumuls le même résultat que sur les écritures une à une, sans les charger.
    ///
    /// Un seul parcours de l'index couvrant `entry_balance` (compte, tiers, date, montants)
    /// donne, par (compte, tiers), le cumul de tout ce qui est daté au plus tard à la borne
    /// et celui de la plus courte des deux parties (antérieur ou période, estimée d'après
    /// les dates extrêmes des pièces) ; l'autre partie est la différence. Le résultat est
    /// exact quelle que soit la partie cumulée.
    fn entry_sums(
        &self,
        from: chrono::NaiveDate,
        to: chrono::NaiveDate,
    ) -> Result<Vec<PostedEntry>>;

    /// Écritures de pièces scellées, pour la balance et les situations.
    fn posted_entries(&self) -> Result<Vec<PostedEntry>>;

    /// Contenu de chaque pièce du bailleur : (numéro, empreinte stockée, contenu), pour
    /// recalculer les empreintes. Garde tout en mémoire : `verifier` emploie
    /// `each_voucher_record`, pièce par pièce.
    fn voucher_contents(&self) -> Result<Vec<(String, String, HashInput)>>;

    /// Journal des pièces du bailleur, dans l'ordre : (événement, empreinte stockée).
    fn ledger_events(&self) -> Result<Vec<(LedgerEvent, String)>>;
}

/// Un fichier de prélèvements remis à la banque, à enregistrer avec ses prélèvements.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewDebitFile {
    /// Identifiant du message (MsgId), unique par bailleur.
    pub msg_id: String,
    /// Date d'échéance demandée à la banque.
    pub collection_date: NaiveDate,
    /// Nom du fichier écrit (sans dossier).
    pub file_name: String,
    /// Version du message : « 001.08 » ou « 001.02 ».
    pub pain_version: String,
    pub debits: Vec<NewFileDebit>,
}

/// Un prélèvement d'un fichier.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewFileDebit {
    pub tenant: String,
    pub lease: String,
    /// Date de prélèvement de la liste (jour de prélèvement de la location).
    pub debit_date: NaiveDate,
    /// Référence de bout en bout, unique par bailleur.
    pub end_to_end_id: String,
    pub amount: Money,
    /// Type de séquence : FRST, RCUR, FNAL ou OOFF.
    pub sequence: String,
    /// Référence unique du mandat (RUM).
    pub mandate_ref: String,
}

/// Un prélèvement déjà dans un fichier enregistré.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SentDebit {
    pub tenant: String,
    pub debit_date: NaiveDate,
    pub end_to_end_id: String,
    pub msg_id: String,
    pub file_name: String,
    pub collection_date: NaiveDate,
}

/// Un prélèvement envoyé, tel que les retours de la banque le retrouvent (par sa
/// référence de bout en bout), avec ce qu'ils en ont déjà dit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DebitLine {
    pub id: i64,
    /// MsgId du fichier pain.008 qui l'a demandé.
    pub msg_id: String,
    pub tenant: String,
    pub lease: String,
    pub debit_date: NaiveDate,
    pub collection_date: NaiveDate,
    pub end_to_end_id: String,
    pub amount: Money,
    /// Réglé : (pièce de règlement, date, MsgId du retour).
    pub paid: Option<(String, NaiveDate, String)>,
    /// Rejeté : (code motif, date, MsgId du retour).
    pub rejected: Option<(String, NaiveDate, String)>,
}

/// Un retour de la banque déjà importé.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordedReturn {
    pub msg_id: String,
    pub content_hash: String,
    /// Horodatage de l'import (AAAA-MM-JJThh:mm:ss).
    pub imported_at: String,
    pub file_name: String,
}

/// Un retour de la banque à enregistrer, avec ce qu'il fait de chaque prélèvement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewDebitReturn {
    pub msg_id: String,
    /// « camt.054 » ou « pain.002 ».
    pub kind: String,
    pub version: String,
    pub content_hash: String,
    pub file_name: String,
    pub outcomes: Vec<NewDebitOutcome>,
}

/// Ce qu'un retour fait d'un prélèvement (identifié par `DebitLine::id`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewDebitOutcome {
    pub line_id: i64,
    pub paid: bool,
    pub date: NaiveDate,
    pub amount: Money,
    pub reason_code: String,
    /// Pièce passée : le règlement, ou la contre-passation d'un rejet (vide s'il n'y en a
    /// pas : rejet avant règlement).
    pub voucher_number: String,
}

/// Un prélèvement rejeté, pour la liste de suivi des rejets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DebitReject {
    pub tenant: String,
    pub tenant_name: String,
    pub lease: String,
    pub end_to_end_id: String,
    pub amount: Money,
    pub collection_date: NaiveDate,
    pub rejected_on: NaiveDate,
    pub reason_code: String,
    /// Retour qui l'a rejeté (MsgId) et contre-passation passée (vide : aucune, le
    /// prélèvement n'avait pas été réglé).
    pub return_msg_id: String,
    pub reversal: String,
}

/// Fichiers de prélèvements SEPA remis à la banque (S15). Rien n'y touche au grand livre.
pub trait DirectDebits {
    /// Enregistre un fichier et ses prélèvements (nombre et somme de contrôle calculés
    /// ici) ; rend son identifiant. Refusé si le MsgId, une référence de bout en bout ou
    /// un prélèvement (locataire, date de prélèvement) est déjà enregistré.
    fn record_debit_file(&self, file: &NewDebitFile) -> Result<i64>;

    /// Les prélèvements déjà dans un fichier dont la date de prélèvement est dans
    /// [from, to], par locataire puis date.
    fn sent_debits(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<SentDebit>>;

    /// Parmi `mandates`, les RUM déjà employées dans un fichier enregistré : leur
    /// prochain prélèvement est RCUR, celui des autres FRST.
    fn used_mandates(&self, mandates: &[String]) -> Result<std::collections::HashSet<String>>;

    /// Les identifiants (MsgId) des fichiers de prélèvements enregistrés qui commencent
    /// par `prefix`.
    fn debit_file_ids(&self, prefix: &str) -> Result<Vec<String>>;

    /// Les prélèvements envoyés dont la référence de bout en bout est dans `ids`.
    fn debit_lines(&self, ids: &[String]) -> Result<Vec<DebitLine>>;

    /// Les prélèvements du fichier pain.008 `msg_id` (rejet du fichier entier).
    fn debit_lines_of_file(&self, msg_id: &str) -> Result<Vec<DebitLine>>;

    /// Le retour déjà importé sous ce MsgId, s'il l'a été.
    fn debit_return(&self, msg_id: &str) -> Result<Option<RecordedReturn>>;

    /// Enregistre un retour et ce qu'il fait des prélèvements ; refusé si son MsgId est
    /// déjà enregistré ou si un prélèvement est déjà réglé (ou rejeté) une fois.
    fn record_debit_return(&self, ret: &NewDebitReturn) -> Result<i64>;

    /// Les prélèvements rejetés, du plus récent au plus ancien rejet.
    fn debit_rejects(&self) -> Result<Vec<DebitReject>>;
}

/// Ce que l'enregistrement d'une valeur d'indice a fait.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IndexSaved {
    Added,
    /// Valeur ou date de publication corrigée (trimestre qui n'a servi à aucune révision).
    Corrected,
    Unchanged,
}

/// Révision des loyers (S12) : conditions de révision des lots et des locations, et
/// catalogue des indices vu par la révision.
pub trait Revisions {
    /// Conditions de révision des lots et des locations du bailleur.
    fn revision_terms(&self) -> Result<Vec<crate::model::RevisionTerms>>;

    /// Enregistre (crée ou remplace) les conditions d'un lot ou d'une location.
    fn set_revision_terms(&self, terms: &crate::model::RevisionTerms) -> Result<()>;

    /// Ajoute une valeur d'indice, ou la corrige ; refusé pour un trimestre qui a déjà
    /// servi à une révision et dont la valeur changerait.
    fn save_index(&self, index: &RentIndex) -> Result<IndexSaved>;

    /// Marque des trimestres d'une série comme employés par une révision.
    fn mark_indices_used(&self, series: &str, quarters: &[crate::model::Quarter]) -> Result<()>;
}

/// Sorties des locations (S14) : remise des clés et état des lieux de sortie.
pub trait MoveOuts {
    /// La sortie de chaque location qui en a une.
    fn lease_exits(&self) -> Result<Vec<LeaseExit>>;

    /// Enregistre (ou remplace) la remise des clés et l'état des lieux d'une location.
    fn set_lease_exit(&self, exit: &LeaseExit) -> Result<()>;

    /// Fusion de deux fiches d'un même locataire : les locations de `absorbed` (et avec
    /// elles leurs documents) passent à `kept`, puis `absorbed` est désactivé, pas
    /// supprimé (S1). Ses pièces passent par le grand livre (`locks::reassign_tiers`).
    /// Rend les locations déplacées.
    fn merge_tenant_records(&self, kept: &str, absorbed: &str) -> Result<Vec<String>>;

    /// Locations en départ définitif qui ont une pièce du modèle `template` portant la
    /// référence `reference` (le solde de tout compte établi) et pas encore de document
    /// de solde de tout compte.
    fn settled_leases_without_document(
        &self,
        reference: &str,
        template: &str,
    ) -> Result<Vec<String>>;
}

// == Fichiers CAF (S13) ==

/// Une exécution du traitement d'un fichier CAF : le fichier (empreinte de son contenu
/// et en-tête) et la pièce qu'il a produite.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CafRun {
    /// Empreinte SHA-256 du contenu, en hexadécimal : elle reconnaît le même fichier.
    pub content_hash: String,
    pub file_date: NaiveDate,
    /// `APL` ou `AL`.
    pub nature: String,
    /// `01`, `02` ou `03`.
    pub operation: String,
    /// Numéro de l'organisme payeur de l'en-tête.
    pub payer: String,
    pub file_name: String,
    /// Horodatage et utilisateur du traitement (remplis par le store à l'écriture).
    pub processed_at: String,
    pub processed_by: String,
    /// Pièce `Loc_OD APL/AL` de l'exécution (aucune si rien n'était à passer).
    pub voucher: Option<String>,
}

/// Dernier état CAF d'un numéro allocataire (liste de synthèse des aides au logement).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CafStatus {
    /// Numéro tel que lu dans le dernier fichier (7 chiffres et une lettre) ; seuls les 7
    /// chiffres l'identifient.
    pub claimant_no: String,
    pub nature: String,
    pub payer: String,
    pub file_date: NaiveDate,
    pub status: String,
    pub gestion: String,
    pub amount: Money,
}

/// Fichiers CAF traités et derniers états CAF des allocataires.
pub trait CafFiles {
    /// L'exécution précédente du fichier d'empreinte `content_hash`, s'il a déjà été traité.
    fn caf_run(&self, content_hash: &str) -> Result<Option<CafRun>>;

    /// Enregistre l'exécution d'un fichier, en remplaçant celle du même fichier.
    fn record_caf_run(&self, run: &CafRun) -> Result<()>;

    /// Range le dernier état CAF de chaque allocataire (remplace celui des mêmes 7
    /// chiffres).
    fn set_caf_statuses(&self, statuses: &[CafStatus]) -> Result<()>;

    /// Derniers états CAF, par numéro allocataire.
    fn caf_statuses(&self) -> Result<Vec<CafStatus>>;
}
