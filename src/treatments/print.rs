//! Impression des documents de la fenêtre Avis (S8, S18) : avis d'échéance, quittances
//! et reçus, appels de dépôt, factures et avoirs ; un seul PDF ou un PDF par locataire.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::documents::{
    self, Document, LineKind, MovementLine, NoticeDoc, NoticeLine, OneOffDoc, OneOffKind,
    ReceiptDoc, Recipient, TenantHeader,
};
use crate::model::{DocumentKind, Gestion, ItemPurpose, LineSection, Money, TenantDocument};
use crate::store::{DocumentFilter, Repo, StoreError};
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

/// Les données d'impression des documents choisis par le filtre.
pub fn collect(
    repo: &Repo,
    filter: &DocumentFilter,
    what: PrintWhat,
) -> Result<Vec<Printable>, PrintError> {
    let docs = repo.documents(filter)?;
    let leases: HashMap<String, crate::model::Lease> = repo
        .leases()?
        .into_iter()
        .map(|l| (l.reference.clone(), l))
        .collect();
    let tenants: HashMap<String, crate::model::Tenant> = repo
        .tenants()?
        .into_iter()
        .map(|t| (t.reference.clone(), t))
        .collect();
    let units: HashMap<String, crate::model::Unit> = repo
        .units()?
        .into_iter()
        .map(|u| (u.reference.clone(), u))
        .collect();
    let buildings: HashMap<String, crate::model::Building> = repo
        .buildings()?
        .into_iter()
        .map(|b| (b.reference.clone(), b))
        .collect();
    let rent_accounts: Vec<String> = repo
        .accounts()?
        .into_iter()
        .filter(|a| a.class() == Some(4) && a.gestion == Some(Gestion::Rent))
        .map(|a| a.reference)
        .collect();
    let mut rent_movements: HashMap<String, Vec<RentMovement>> = HashMap::new();
    let mut out = Vec::new();
    for doc in docs {
        let Some(lease) = leases.get(&doc.lease) else {
            continue;
        };
        let tenant_name = tenants
            .get(&lease.tenant)
            .map(|t| t.display_name())
            .unwrap_or_else(|| lease.tenant.clone());
        let unit_address = units
            .get(&lease.unit)
            .and_then(|u| buildings.get(&u.building))
            .map(|b| format!("{}, {} {}", b.street, b.postcode, b.city))
            .unwrap_or_default();
        let header = TenantHeader {
            number: doc.number.clone(),
            tenant_ref: lease.tenant.clone(),
            tenant_name: tenant_name.clone(),
            lease_ref: lease.reference.clone(),
            unit_ref: lease.unit.clone(),
            unit_address,
            recipient: Recipient {
                name: doc.recipient.first().cloned().unwrap_or(tenant_name),
                address_lines: doc.recipient.iter().skip(1).cloned().collect(),
            },
            date: doc.value_date,
        };
        let document = match what {
            PrintWhat::Documents => Some(document_of(&doc, header)),
            PrintWhat::Receipts { at } => {
                if doc.kind != DocumentKind::Notice {
                    continue;
                }
                let Some(voucher) = &doc.voucher else {
                    continue;
                };
                if !rent_movements.contains_key(&lease.tenant) {
                    let lines = repo.tiers_lines(&lease.tenant, None)?;
                    let moves = lines
                        .into_iter()
                        .filter(|l| rent_accounts.contains(&l.account))
                        .map(|l| RentMovement {
                            value_date: l.value_date,
                            number: l.number,
                            debit: l.debit,
                            credit: l.credit,
                        })
                        .collect();
                    rent_movements.insert(lease.tenant.clone(), moves);
                }
                let moves = rent_movements
                    .get(&lease.tenant)
                    .map(Vec::as_slice)
                    .unwrap_or(&[]);
                receipt_of(&doc, header, moves, voucher, at).map(Document::Receipt)
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

/// Le document imprimable d'un document enregistré.
pub fn document_of(doc: &TenantDocument, header: TenantHeader) -> Document {
    match doc.kind {
        DocumentKind::Notice => Document::Notice(notice_of(doc, header)),
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

fn notice_of(doc: &TenantDocument, header: TenantHeader) -> NoticeDoc {
    let movements = doc
        .lines
        .iter()
        .filter(|l| l.section == LineSection::Statement)
        .map(|l| MovementLine {
            date: l.date.unwrap_or(doc.value_date),
            label: l.label.clone(),
            debit: l.debit,
            credit: l.credit,
        })
        .collect();
    let lines = doc
        .lines
        .iter()
        .filter(|l| l.section == LineSection::Period)
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
    NoticeDoc {
        header,
        period_start: doc.period_start.unwrap_or(doc.value_date),
        period_end: doc.period_end.unwrap_or(doc.value_date),
        due_date: doc.due_date.unwrap_or(doc.value_date),
        previous_balance: doc.previous_balance,
        movements,
        lines,
        balance: doc.balance,
        deferred: doc.deferred,
        total_due: doc.total_due,
        run_message: doc.run_message.clone(),
        message: doc.message.clone(),
    }
}

/// Quittance si l'avis est entièrement réglé au `at`, reçu s'il l'est en partie, rien
/// sinon.
pub fn receipt_of(
    doc: &TenantDocument,
    header: TenantHeader,
    movements: &[RentMovement],
    voucher: &str,
    at: NaiveDate,
) -> Option<ReceiptDoc> {
    let called = receipts::rent_called(doc);
    let status = receipts::receipt_status(movements, voucher, called, at);
    if !status.is_full() && !status.is_partial() {
        return None;
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
