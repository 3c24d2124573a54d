//! Impression des documents de la fenêtre Avis (S8, S18) : avis d'échéance, quittances
//! et reçus, appels de dépôt, factures et avoirs ; un seul PDF ou un PDF par locataire.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::documents::{
    self, Document, LineKind, MovementLine, NoticeDoc, NoticeLine, OneOffDoc, OneOffKind,
    PaymentRequest, ReceiptDoc, ReceiptPayment, Recipient, TenantHeader,
};
use crate::ledger::VoucherDraft;
use crate::model::{
    Building, DocumentKind, Gestion, ItemPurpose, Lease, LineSection, Money, PaymentMode, Tenant,
    TenantDocument, ThirdParty, ThirdPartyKind, Unit,
};
use crate::store::{DocumentFilter, Repo, StoreError};
use crate::treatments::notices;
use crate::treatments::receipts::{self, RentMovement};

/// Ce qu'on imprime des documents choisis.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PrintWhat {
    /// Les documents eux-mêmes (avis, appels, factures, avoirs).
    Documents,
    /// Les quittances ou reçus des avis (selon ce qui est payé à la date).
    Receipts { at: NaiveDate },
}

/// Erreur d'impression.
#[derive(Debug, thiserror::Error)]
pub enum PrintError {
    #[error("{0}")]
    Store(#[from] StoreError),
    #[error("{0}")]
    Pdf(#[from] documents::pdf::PdfError),
    #[error("aucun document à imprimer pour cette sélection")]
    Nothing,
    #[error("impossible d'écrire {path} : {message}")]
    Write { path: String, message: String },
}

/// Un document prêt à mettre en page, avec le locataire à qui il est destiné.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Printable {
    pub tenant: String,
    pub number: String,
    pub document: Document,
}

/// Les fiches que l'impression lit une fois, par référence.
struct Records {
    leases: HashMap<String, Lease>,
    tenants: HashMap<String, Tenant>,
    units: HashMap<String, Unit>,
    buildings: HashMap<String, Building>,
    third_parties: HashMap<String, ThirdParty>,
    /// Comptes de gestion Loyer (classe 4) : ceux des quittances.
    rent_accounts: Vec<String>,
}

impl Records {
    fn load(repo: &Repo) -> Result<Self, PrintError> {
        fn by_ref<T>(items: Vec<T>, key: impl Fn(&T) -> String) -> HashMap<String, T> {
            items.into_iter().map(|i| (key(&i), i)).collect()
        }
        Ok(Records {
            leases: by_ref(repo.leases()?, |l| l.reference.clone()),
            tenants: by_ref(repo.tenants()?, |t| t.reference.clone()),
            units: by_ref(repo.units()?, |u| u.reference.clone()),
            buildings: by_ref(repo.buildings()?, |b| b.reference.clone()),
            third_parties: by_ref(repo.third_parties()?, |t| t.reference.clone()),
            rent_accounts: repo
                .accounts()?
                .into_iter()
                .filter(|a| a.class() == Some(4) && a.gestion == Some(Gestion::Rent))
                .map(|a| a.reference)
                .collect(),
        })
    }

    /// Destinataire d'un document de la location, par la règle unique des documents
    /// (`notices::recipient_of`) ; `with_payer` : un tiers payeur reçoit le document.
    fn recipient(&self, lease: &Lease, with_payer: bool) -> Vec<String> {
        notices::AddressBook {
            tenants: &self.tenants,
            units: &self.units,
            buildings: &self.buildings,
            third_parties: &self.third_parties,
        }
        .recipient(lease, with_payer)
    }

    /// En-tête d'un document : le destinataire est celui enregistré avec le document
    /// (figé à sa génération) s'il a une adresse, sinon celui de la règle unique.
    fn header(&self, doc: &TenantDocument, lease: &Lease, recipient: Vec<String>) -> TenantHeader {
        let tenant_name = self
            .tenants
            .get(&lease.tenant)
            .map(|t| t.display_name())
            .unwrap_or_else(|| lease.tenant.clone());
        let unit_address = self
            .units
            .get(&lease.unit)
            .and_then(|u| self.buildings.get(&u.building))
            .map(|b| format!("{}, {} {}", b.street, b.postcode, b.city))
            .unwrap_or_default();
        TenantHeader {
            number: doc.number.clone(),
            tenant_ref: lease.tenant.clone(),
            tenant_name: tenant_name.clone(),
            lease_ref: lease.reference.clone(),
            unit_ref: lease.unit.clone(),
            unit_address,
            recipient: Recipient {
                name: recipient.first().cloned().unwrap_or(tenant_name),
                address_lines: recipient.iter().skip(1).cloned().collect(),
            },
            date: doc.value_date,
        }
    }
}

/// Les données d'impression des documents choisis par le filtre.
pub fn collect(
    repo: &Repo,
    filter: &DocumentFilter,
    what: PrintWhat,
) -> Result<Vec<Printable>, PrintError> {
    let docs = repo.documents(filter)?;
    let records = Records::load(repo)?;
    let mut rent_movements: HashMap<String, Vec<RentMovement>> = HashMap::new();
    let mut out = Vec::new();
    for doc in docs {
        let Some(lease) = records.leases.get(&doc.lease) else {
            continue;
        };
        let document = match what {
            PrintWhat::Documents => {
                // Anciens documents enregistrés sans adresse : la règle unique la retrouve.
                let recipient = if doc.recipient.len() > 1 {
                    doc.recipient.clone()
                } else {
                    records.recipient(lease, true)
                };
                let header = records.header(&doc, lease, recipient);
                Some(document_of(&doc, lease, header))
            }
            PrintWhat::Receipts { at } => {
                let Some(voucher) = doc.voucher.as_deref() else {
                    continue;
                };
                if doc.kind != DocumentKind::Notice {
                    continue;
                }
                if !rent_movements.contains_key(&lease.tenant) {
                    let moves = tenant_rent_movements(repo, &records, &lease.tenant)?;
                    rent_movements.insert(lease.tenant.clone(), moves);
                }
                let moves = rent_movements
                    .get(&lease.tenant)
                    .map(Vec::as_slice)
                    .unwrap_or(&[]);
                // La quittance est remise au locataire (loi de 1989, art. 21) : le tiers
                // payeur reçoit les avis (manuel), pas les quittances.
                let header = records.header(&doc, lease, records.recipient(lease, false));
                receipt_of(&doc, header, moves, voucher, at)
                    .map(|r| describe_payments(repo, &records, &lease.tenant, r))
                    .transpose()?
                    .map(Document::Receipt)
            }
        };
        if let Some(document) = document {
            out.push(Printable {
                tenant: lease.tenant.clone(),
                number: doc.number.clone(),
                document,
            });
        }
    }
    Ok(out)
}

/// Les mouvements du compte Loyer d'un locataire.
fn tenant_rent_movements(
    repo: &Repo,
    records: &Records,
    tenant: &str,
) -> Result<Vec<RentMovement>, PrintError> {
    Ok(repo
        .tiers_lines(tenant, None)?
        .into_iter()
        .filter(|l| records.rent_accounts.contains(&l.account))
        .map(|l| RentMovement {
            value_date: l.value_date,
            number: l.number,
            debit: l.debit,
            credit: l.credit,
        })
        .collect())
}

/// Nomme chaque règlement de la quittance ou du reçu d'après sa pièce : mode, numéro
/// du chèque, organisme qui verse l'aide au logement.
fn describe_payments(
    repo: &Repo,
    records: &Records,
    tenant: &str,
    mut receipt: ReceiptDoc,
) -> Result<ReceiptDoc, PrintError> {
    // L'organisme de l'allocation du locataire, tant qu'aucun versement ne le nomme.
    if let Some(claim_payer) = records
        .tenants
        .get(tenant)
        .and_then(|t| t.claims.iter().find_map(|c| c.payer.as_ref()))
        .and_then(|p| records.third_parties.get(p))
    {
        receipt.aid_payer = with_article(&claim_payer.name);
    }
    for payment in &mut receipt.payments {
        // `means` porte le numéro de la pièce jusqu'ici.
        let Some(stored) = repo.voucher(&payment.means)? else {
            continue;
        };
        let payer = payer_body(&stored.draft, records, tenant);
        payment.aid = payer.is_some() || stored.draft.template.as_deref() == Some(AID_TEMPLATE);
        payment.means = match (payment.aid, payer) {
            (true, Some(p)) => {
                receipt.aid_payer = with_article(&p.name);
                format!("aide au logement versée par {}", receipt.aid_payer)
            }
            (true, None) => "aide au logement".to_string(),
            (false, _) => means_of(&stored.draft),
        };
    }
    Ok(receipt)
}

/// Modèle des versements d'aide au logement par l'organisme (S13).
const AID_TEMPLATE: &str = "Loc_OD APL/AL";

/// L'organisme payeur d'une pièce : le tiers d'une de ses écritures, de type organisme
/// payeur, autre que le locataire.
fn payer_body<'a>(
    draft: &VoucherDraft,
    records: &'a Records,
    tenant: &str,
) -> Option<&'a ThirdParty> {
    draft
        .entries
        .iter()
        .filter_map(|e| e.tiers.as_deref())
        .chain(draft.tiers.as_deref())
        .filter(|t| *t != tenant)
        .filter_map(|t| records.third_parties.get(t))
        .find(|t| t.kind == ThirdPartyKind::PayerBody)
}

/// « la CAF du Rhône » : l'article devant un sigle d'organisme (CAF, MSA).
fn with_article(name: &str) -> String {
    let name = name.trim();
    let acronym = name
        .split_whitespace()
        .next()
        .is_some_and(|w| w.len() >= 2 && w.chars().all(|c| c.is_ascii_uppercase()));
    if acronym {
        format!("la {name}")
    } else {
        name.to_string()
    }
}

/// Le moyen d'un règlement du locataire : « chèque n° … », « virement »…, sinon le
/// libellé de la pièce.
fn means_of(draft: &VoucherDraft) -> String {
    let reference = draft.reference.trim();
    match draft.payment_mode {
        Some(PaymentMode::Cheque) if !reference.is_empty() => format!("chèque n° {reference}"),
        Some(PaymentMode::Cheque) => "chèque".to_string(),
        Some(PaymentMode::Transfer) => "virement".to_string(),
        Some(PaymentMode::DirectDebit) => "prélèvement".to_string(),
        Some(PaymentMode::Cash) => "espèces".to_string(),
        None => draft.label.trim().to_string(),
    }
}

/// Le document imprimable d'un document enregistré.
pub fn document_of(doc: &TenantDocument, lease: &Lease, header: TenantHeader) -> Document {
    match doc.kind {
        DocumentKind::Notice => Document::Notice(notice_of(doc, lease, header)),
        DocumentKind::Settlement => {
            Document::Settlement(super::settlement_document::printable(doc, lease, header))
        }
        DocumentKind::DepositCall | DocumentKind::Invoice | DocumentKind::CreditNote => {
            Document::OneOff(OneOffDoc {
                header,
                kind: match doc.kind {
                    DocumentKind::DepositCall => OneOffKind::DepositCall,
                    DocumentKind::Invoice => OneOffKind::Invoice,
                    _ => OneOffKind::CreditNote,
                },
                reference: doc.reference.clone(),
                amount: doc.amount.abs(),
                previous_deposits: doc.previous_deposits,
                instalments: doc
                    .instalment_start
                    .filter(|_| doc.instalment > Money::ZERO)
                    .map(|d| (doc.instalment, d)),
            })
        }
    }
}

/// Le relevé imprimé d'un document (avis, solde de tout compte) : ses lignes de relevé.
pub(crate) fn statement_movements(doc: &TenantDocument) -> Vec<MovementLine> {
    doc.lines
        .iter()
        .filter(|l| l.section == LineSection::Statement)
        .map(|l| MovementLine {
            date: l.date.unwrap_or(doc.value_date),
            label: l.label.clone(),
            debit: l.debit,
            credit: l.credit,
        })
        .collect()
}

fn notice_of(doc: &TenantDocument, lease: &Lease, header: TenantHeader) -> NoticeDoc {
    let movements = statement_movements(doc);
    // L'aide attendue n'est pas une ligne de la période : elle vient en déduction du
    // total, sous le nom « Aide au logement attendue ».
    let lines = doc
        .lines
        .iter()
        .filter(|l| l.section == LineSection::Period && !receipts::is_aid_line(l))
        .map(|l| NoticeLine {
            label: l.label.clone(),
            amount: l.amount(),
            kind: match l.purpose {
                Some(ItemPurpose::Instalment) => LineKind::Instalment,
                Some(ItemPurpose::Information) => LineKind::Info,
                _ => LineKind::Billing,
            },
        })
        .collect();
    let housing_aid = receipts::expected_aid(doc);
    let due_date = doc.due_date.unwrap_or(doc.value_date);
    NoticeDoc {
        header,
        period_start: doc.period_start.unwrap_or(doc.value_date),
        period_end: doc.period_end.unwrap_or(doc.value_date),
        due_date,
        previous_balance: doc.previous_balance,
        movements,
        lines,
        balance: doc.balance,
        deferred: doc.deferred,
        total_due: doc.total_due,
        housing_aid,
        payment: payment_request(lease, due_date, doc.total_due - housing_aid),
        run_message: doc.run_message.clone(),
        message: doc.message.clone(),
    }
}

/// Ce que l'avis demande : un prélèvement annoncé (mode prélèvement et IBAN connu), sinon
/// le virement ou le chèque avec la référence de la location.
fn payment_request(lease: &Lease, due_date: NaiveDate, share: Money) -> PaymentRequest {
    let masked = documents::mask_iban(&lease.payment.iban);
    let debit = lease.payment_mode == PaymentMode::DirectDebit || lease.payment.direct_debit;
    if !debit || masked.is_empty() {
        return PaymentRequest::Payer {
            reference: lease.reference.clone(),
        };
    }
    let date = lease
        .payment
        .debit_day
        .and_then(|day| super::direct_debit::debit_day_in(due_date, day))
        .unwrap_or(due_date);
    // la règle de la liste des prélèvements, écrêtée à ce que l'avis demande
    let (wanted, _) = super::direct_debit::wanted_amount(&lease.payment, Some(share), share);
    let amount = wanted.min(share);
    PaymentRequest::DirectDebit {
        date,
        masked_iban: masked,
        amount,
    }
}

/// Quittance si l'avis est entièrement réglé au `at`, reçu s'il l'est en partie, rien
/// sinon. Datée du jour où a été passé le règlement qui l'achève (sa date de valeur) ;
/// les règlements y sont nommés par leur pièce, que [`collect`] remplace par leur moyen.
pub fn receipt_of(
    doc: &TenantDocument,
    mut header: TenantHeader,
    movements: &[RentMovement],
    voucher: &str,
    at: NaiveDate,
) -> Option<ReceiptDoc> {
    let called = receipts::rent_called(doc);
    let status = receipts::receipt_status(movements, voucher, called, at);
    if !status.is_full() && !status.is_partial() {
        return None;
    }
    let settled = receipts::settlements(movements, voucher, called, at);
    debug_assert_eq!(
        settled.iter().map(|s| s.amount).sum::<Money>(),
        status.paid,
        "les règlements nommés font la part réglée"
    );
    if let Some(last) = settled.last() {
        header.date = last.value_date;
    }
    let full = status.is_full();
    let (rent, charges, other) = receipts::split_rent_and_charges(doc);
    Some(ReceiptDoc {
        header,
        full,
        period_start: doc.period_start.unwrap_or(doc.value_date),
        period_end: doc.period_end.unwrap_or(doc.value_date),
        rent: if full { rent } else { Money::ZERO },
        charges: if full { charges } else { Money::ZERO },
        other_lines: if full {
            other
                .into_iter()
                .map(|l| NoticeLine {
                    label: l.label.clone(),
                    amount: l.amount(),
                    kind: LineKind::Billing,
                })
                .collect()
        } else {
            Vec::new()
        },
        paid: status.paid,
        called,
        payments: settled
            .into_iter()
            .map(|s| ReceiptPayment {
                date: s.value_date,
                means: s.number,
                amount: s.amount,
                aid: false,
            })
            .collect(),
        expected_aid: receipts::expected_aid(doc),
        aid_payer: String::new(),
    })
}

/// Où écrire les PDF.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Output {
    /// Tous les documents dans un seul fichier.
    One(PathBuf),
    /// Un fichier par locataire (`<locataire>.pdf`) dans ce dossier, pour l'envoi.
    PerTenant(PathBuf),
}

/// Met en page et écrit les documents ; rend les fichiers écrits.
pub fn write_pdf(
    printables: &[Printable],
    letterhead: &documents::Letterhead,
    output: &Output,
) -> Result<Vec<PathBuf>, PrintError> {
    if printables.is_empty() {
        return Err(PrintError::Nothing);
    }
    match output {
        Output::One(path) => {
            let docs: Vec<Document> = printables.iter().map(|p| p.document.clone()).collect();
            write_file(path, &documents::pdf::render(&docs, letterhead)?)?;
            Ok(vec![path.clone()])
        }
        Output::PerTenant(dir) => {
            std::fs::create_dir_all(dir).map_err(|e| PrintError::Write {
                path: dir.display().to_string(),
                message: e.to_string(),
            })?;
            let mut by_tenant: BTreeMap<&str, Vec<Document>> = BTreeMap::new();
            for p in printables {
                by_tenant
                    .entry(p.tenant.as_str())
                    .or_default()
                    .push(p.document.clone());
            }
            let mut written = Vec::new();
            for (tenant, docs) in by_tenant {
                let path = dir.join(format!("{}.pdf", safe_file_name(tenant)));
                write_file(&path, &documents::pdf::render(&docs, letterhead)?)?;
                written.push(path);
            }
            Ok(written)
        }
    }
}

fn write_file(path: &Path, bytes: &[u8]) -> Result<(), PrintError> {
    std::fs::write(path, bytes).map_err(|e| PrintError::Write {
        path: path.display().to_string(),
        message: e.to_string(),
    })
}

/// Nom de fichier sûr tiré d'une référence (lettres, chiffres, tiret).
fn safe_file_name(reference: &str) -> String {
    reference
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect()
}
