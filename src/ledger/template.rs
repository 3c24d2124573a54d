//! Génération des écritures d'une pièce à partir de son modèle comptable (« Générer
//! écritures ») et nettoyage avant enregistrement (« Valider écritures »).
//!
//! Codes de compte d'une ligne : `%CompteR` (compte fixe), `%CompteLO` / `%CompteDG` /
//! `%CompteDV` / `%CompteEV` (compte de gestion courant du locataire), `%CompteJournal`
//! (contrepartie du journal). Codes de montant (manuel, « Signification des tokens ») :
//! `%0` saisi (0 ici), `%TTCE` montant de la pièce, `%CompteR` solde du compte de la ligne
//! pour son tiers, `%*Piece` solde de la pièce, `%*GestionC` / `%*GestionCPiece` solde des
//! comptes de gestion du tiers de la ligne / de la pièce, `%*GestionCAPayer` restant à
//! payer du compte de gestion de la ligne : au crédit, le montant de la pièce est ventilé
//! dans l'ordre des lignes jusqu'à épuisement, et le reste va au compte de loyer (LO).

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;

use super::{EntryDraft, LedgerError};
use crate::model::{Account, Gestion, Journal, Money, VoucherTemplate};

/// Ce qu'il faut pour générer les écritures d'une pièce.
pub struct TemplateInput<'a> {
    pub template: &'a VoucherTemplate,
    pub journal: &'a Journal,
    pub accounts: &'a HashMap<String, Account>,
    /// Tiers de la pièce (locataire).
    pub tiers: Option<&'a str>,
    /// Organisme payeur (CAF, FSL…).
    pub payer: Option<&'a str>,
    /// Montant saisi dans la pièce (%TTCE).
    pub amount: Money,
    /// Analytique des lignes qui l'exigent.
    pub analytic: &'a str,
    /// Soldes « débit − crédit » par (compte, tiers) à la date de la pièce.
    pub balances: &'a BTreeMap<(String, String), Money>,
}

/// Compte courant (classe 4) d'un compte de gestion.
fn gestion_account(
    accounts: &HashMap<String, Account>,
    gestion: Gestion,
) -> Result<String, LedgerError> {
    current_account(accounts.values(), gestion)
        .map(|a| a.reference.clone())
        .ok_or(LedgerError::NoGestionAccount(gestion))
}

/// Compte courant (classe 4) d'un compte de gestion LO, DG, DV, EV : le plus petit
/// numéro s'il y en a plusieurs.
pub fn current_account<'a>(
    accounts: impl IntoIterator<Item = &'a Account>,
    gestion: Gestion,
) -> Option<&'a Account> {
    accounts
        .into_iter()
        .filter(|a| a.gestion == Some(gestion) && a.class() == Some(4))
        .min_by(|a, b| a.reference.cmp(&b.reference))
}

/// Solde « débit − crédit » d'un compte de gestion pour un tiers : ses comptes courants
/// (classe 4) de ce compte de gestion.
fn gestion_balance(input: &TemplateInput, gestion: Gestion, tiers: &str) -> Money {
    input
        .balances
        .iter()
        .filter(|((account, t), _)| {
            t == tiers
                && input
                    .accounts
                    .get(account)
                    .is_some_and(|a| a.gestion == Some(gestion) && a.class() == Some(4))
        })
        .map(|(_, b)| *b)
        .sum()
}

/// Écritures générées par le modèle, dans l'ordre de ses lignes (lignes à 0 comprises :
/// `validate_entries` les retire).
pub fn generate(input: &TemplateInput) -> Result<Vec<EntryDraft>, LedgerError> {
    let t = input.template;
    let mut lines = t.lines.clone();
    lines.sort_by_key(|l| l.order);
    let mut entries = Vec::with_capacity(lines.len());
    // Lignes dont le montant dépend des autres : %*Piece, ventilation %*GestionCAPayer.
    let mut piece_lines = Vec::new();
    let mut allocation_lines = Vec::new();
    for line in &lines {
        let account = match line.account_code.as_str() {
            "%CompteR" => line.account_ref.clone(),
            "%CompteLO" => gestion_account(input.accounts, Gestion::Rent)?,
            "%CompteDG" => gestion_account(input.accounts, Gestion::Deposit)?,
            "%CompteDV" => gestion_account(input.accounts, Gestion::Misc)?,
            "%CompteEV" => gestion_account(input.accounts, Gestion::Savings)?,
            _ => {
                if input.journal.counter_account.is_empty() {
                    return Err(LedgerError::NoCounterAccount(
                        input.journal.reference.clone(),
                    ));
                }
                input.journal.counter_account.clone()
            }
        };
        let tiers = match line.tiers_code.as_str() {
            "%TiersR_Piece" => Some(
                input
                    .tiers
                    .ok_or_else(|| LedgerError::TiersMissing(t.reference.clone()))?,
            ),
            "%TiersR_Organisme" => Some(
                input
                    .payer
                    .ok_or_else(|| LedgerError::PayerMissing(t.reference.clone()))?,
            ),
            _ => None,
        };
        let analytic = match input.accounts.get(&account) {
            Some(a) if a.analytic_required => input.analytic.to_string(),
            _ => String::new(),
        };
        let (code, on_debit) = if line.debit_code.is_empty() {
            (line.credit_code.as_str(), false)
        } else {
            (line.debit_code.as_str(), true)
        };
        let own_balance = tiers.map_or_else(
            || {
                input
                    .balances
                    .iter()
                    .filter(|((a, _), _)| *a == account)
                    .map(|(_, b)| *b)
                    .sum()
            },
            |t| {
                input
                    .balances
                    .get(&(account.clone(), t.to_string()))
                    .copied()
                    .unwrap_or(Money::ZERO)
            },
        );
        let gestion_of_line = input.accounts.get(&account).and_then(|a| a.gestion);
        // Montant signé vu du côté de la ligne ; négatif = il passe de l'autre côté.
        let amount = match code {
            "%TTCE" => input.amount,
            "%CompteR" => {
                if on_debit {
                    -own_balance
                } else {
                    own_balance
                }
            }
            "%*GestionC" | "%*GestionCPiece" => {
                let who = if code == "%*GestionCPiece" {
                    input.tiers
                } else {
                    tiers
                };
                match (gestion_of_line, who) {
                    (Some(g), Some(w)) => {
                        let b = gestion_balance(input, g, w);
                        if on_debit {
                            -b
                        } else {
                            b
                        }
                    }
                    _ => Money::ZERO,
                }
            }
            "%*Piece" => {
                piece_lines.push(entries.len());
                Money::ZERO
            }
            "%*GestionCAPayer" => {
                allocation_lines.push((
                    entries.len(),
                    on_debit,
                    gestion_of_line,
                    tiers.map(str::to_string),
                ));
                Money::ZERO
            }
            _ => Money::ZERO,
        };
        entries.push(signed_entry(
            account,
            tiers.map(str::to_string),
            analytic,
            on_debit,
            amount,
        ));
    }
    allocate(input, &mut entries, &allocation_lines);
    // %*Piece : la ligne équilibre la pièce.
    for index in piece_lines {
        let others: Money = entries
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != index)
            .map(|(_, e)| e.debit - e.credit)
            .sum();
        let e = &mut entries[index];
        let (debit, credit) = if others.is_sign_negative() {
            (-others, Money::ZERO)
        } else {
            (Money::ZERO, others)
        };
        e.debit = debit;
        e.credit = credit;
    }
    Ok(entries)
}

/// Écriture d'un montant signé : positif du côté de la ligne, négatif de l'autre.
fn signed_entry(
    account: String,
    tiers: Option<String>,
    analytic: String,
    on_debit: bool,
    amount: Money,
) -> EntryDraft {
    let on_debit = if amount.is_sign_negative() {
        !on_debit
    } else {
        on_debit
    };
    let amount = amount.abs();
    EntryDraft {
        account,
        tiers,
        analytic,
        label: String::new(),
        debit: if on_debit { amount } else { Money::ZERO },
        credit: if on_debit { Money::ZERO } else { amount },
    }
}

/// Ventilation : le montant des autres lignes (le règlement) crédite (ou débite, pour un
/// remboursement) chaque compte de gestion à hauteur de son restant dû, dans l'ordre du
/// modèle ; le reste va à la ligne du compte de loyer, à défaut à la première ligne.
fn allocate(
    input: &TemplateInput,
    entries: &mut [EntryDraft],
    lines: &[(usize, bool, Option<Gestion>, Option<String>)],
) {
    let Some(&(_, on_debit, _, _)) = lines.first() else {
        return;
    };
    let indexes: Vec<usize> = lines.iter().map(|l| l.0).collect();
    let others: Money = entries
        .iter()
        .enumerate()
        .filter(|(i, _)| !indexes.contains(i))
        .map(|(_, e)| e.debit - e.credit)
        .sum();
    // Au crédit, il faut répartir le débit des autres lignes ; au débit, leur crédit.
    let mut remaining = if on_debit { -others } else { others };
    if remaining <= Money::ZERO {
        return;
    }
    for (index, _, gestion, tiers) in lines {
        let owed = match (gestion, tiers) {
            (Some(g), Some(t)) => {
                let b = gestion_balance(input, *g, t);
                if on_debit {
                    -b
                } else {
                    b
                }
            }
            _ => Money::ZERO,
        };
        let part = owed.max(Money::ZERO).min(remaining);
        set_side(&mut entries[*index], on_debit, part);
        remaining -= part;
    }
    if remaining > Money::ZERO {
        let rent = lines
            .iter()
            .find(|l| l.2 == Some(Gestion::Rent))
            .or(lines.first());
        if let Some((index, _, _, _)) = rent {
            let e = &entries[*index];
            let current = if on_debit { e.debit } else { e.credit };
            set_side(&mut entries[*index], on_debit, current + remaining);
        }
    }
}

fn set_side(e: &mut EntryDraft, on_debit: bool, amount: Money) {
    if on_debit {
        e.debit = amount;
        e.credit = Money::ZERO;
    } else {
        e.credit = amount;
        e.debit = Money::ZERO;
    }
}

/// « Valider écritures » : retire les lignes à 0 au débit et au crédit ; la validation
/// du grand livre vérifie ensuite l'équilibre.
pub fn validate_entries(entries: Vec<EntryDraft>) -> Vec<EntryDraft> {
    entries
        .into_iter()
        .filter(|e| !(e.debit.is_zero() && e.credit.is_zero()))
        .collect()
}

/// Libellé de la pièce selon les jetons du modèle : `%TiersNom_Piece` (nom du tiers),
/// `%Periode_Piece` (mois de la date de valeur, MM/AAAA), `%l` (texte libre).
pub fn voucher_label(tokens: &str, tiers_name: &str, value_date: NaiveDate, free: &str) -> String {
    let label = tokens
        .replace("%TiersNom_Piece", tiers_name)
        .replace("%Periode_Piece", &value_date.format("%m/%Y").to_string())
        .replace("%l", free);
    label.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Une saisie de pièce par modèle : l'en-tête tapé par l'utilisateur.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateRequest {
    pub template: String,
    /// Journal ; vide = le journal proposé par le modèle.
    pub journal: String,
    pub value_date: NaiveDate,
    pub tiers: Option<String>,
    pub payer: Option<String>,
    pub amount: Money,
    /// Texte libre du libellé (`%l`), ou libellé complet si le modèle n'a pas de jetons.
    pub free_label: String,
    pub lease: Option<String>,
    pub analytic: String,
    pub reference: String,
    pub payment_mode: Option<crate::model::PaymentMode>,
    pub payment_date: Option<NaiveDate>,
}

/// « Générer écritures » puis « Valider écritures » : la pièce complète, prête pour
/// `post` (qui la valide encore).
pub fn draft_from_template(
    repo: &dyn super::books::Books,
    ctx: &super::LedgerContext,
    request: &TemplateRequest,
) -> Result<super::VoucherDraft, LedgerError> {
    let template = ctx
        .templates
        .get(&request.template)
        .ok_or_else(|| LedgerError::UnknownTemplate(request.template.clone()))?;
    let journal_ref = if request.journal.is_empty() {
        template.journal.clone()
    } else {
        request.journal.clone()
    };
    let journal = ctx
        .journals
        .get(&journal_ref)
        .ok_or_else(|| LedgerError::UnknownJournal(journal_ref.clone()))?;
    if template.tiers_required && request.tiers.is_none() {
        return Err(LedgerError::TiersMissing(template.reference.clone()));
    }
    let who: Vec<&str> = request
        .tiers
        .iter()
        .chain(request.payer.iter())
        .map(String::as_str)
        .collect();
    let balances = repo.tiers_balances(&who, request.value_date)?;
    let entries = generate(&TemplateInput {
        template,
        journal,
        accounts: &ctx.accounts,
        tiers: request.tiers.as_deref(),
        payer: request.payer.as_deref(),
        amount: request.amount,
        analytic: &request.analytic,
        balances: &balances,
    })?;
    let tiers_name = match &request.tiers {
        Some(t) => repo
            .third_parties()?
            .into_iter()
            .find(|p| &p.reference == t)
            .map(|p| p.name)
            .unwrap_or_default(),
        None => String::new(),
    };
    let label = if template.label_tokens.is_empty() {
        request.free_label.clone()
    } else {
        voucher_label(
            &template.label_tokens,
            &tiers_name,
            request.value_date,
            &request.free_label,
        )
    };
    let draft = super::VoucherDraft {
        journal: journal_ref,
        value_date: request.value_date,
        label,
        template: Some(template.reference.clone()),
        tiers: request.tiers.clone(),
        lease: request.lease.clone(),
        analytic: request.analytic.clone(),
        payment_mode: request.payment_mode,
        payment_date: request.payment_date,
        batch_no: String::new(),
        reference: request.reference.clone(),
        origin: "saisie".to_string(),
        entries: validate_entries(entries),
    };
    Ok(with_counter_entry(draft, journal))
}

/// Contrepartie automatique du journal (manuel, catalogue des journaux) : si le journal
/// en a une et que la pièce n'est pas équilibrée, ajoute l'écriture qui l'équilibre sur
/// ce compte. Sans contrepartie, la pièce reste telle quelle (la validation la refusera).
pub fn with_counter_entry(
    mut draft: super::VoucherDraft,
    journal: &Journal,
) -> super::VoucherDraft {
    let gap: Money = draft.entries.iter().map(|e| e.debit - e.credit).sum();
    if gap.is_zero() || journal.counter_account.is_empty() {
        return draft;
    }
    let (debit, credit) = if gap.is_sign_negative() {
        (-gap, Money::ZERO)
    } else {
        (Money::ZERO, gap)
    };
    draft.entries.push(EntryDraft {
        account: journal.counter_account.clone(),
        tiers: None,
        analytic: String::new(),
        label: String::new(),
        debit,
        credit,
    });
    debug_assert!(
        draft
            .entries
            .iter()
            .map(|e| e.debit - e.credit)
            .sum::<Money>()
            .is_zero(),
        "la contrepartie du journal équilibre la pièce"
    );
    draft
}
