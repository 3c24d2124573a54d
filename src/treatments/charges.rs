//! Régularisation des charges locatives (S11 ; manuel : « Préambule - calcul de la
//! répartition des charges récupérables »). Ce fichier tient d'abord le cœur pur de la
//! répartition :
//! 1. une charge récupérable va aux lots : toute au lot d'une charge individuelle, au
//!    prorata des tantièmes de sa clé pour une charge collective (un lot sans tantièmes
//!    ou à 0 ne reçoit rien) ; sans clé, un immeuble à un seul lot principal (les autres
//!    secondaires) la donne à ce lot, un immeuble d'un seul lot rend toute charge
//!    individuelle ;
//! 2. la part d'un lot va aux locations : une charge périodique au prorata des jours
//!    d'occupation — base = tous les jours de la période si le compte « comprend la
//!    vacance » (la part vacante reste au propriétaire), sinon les seuls jours occupés ;
//!    une charge ponctuelle (début = fin) toute au locataire présent à sa date.
//!
//! Les parts d'une charge font toujours exactement la charge : règle du plus fort reste
//! au centime (`split_by_weights`).

use chrono::NaiveDate;

use crate::model::allocation_key::{AllocationKey, UnitShare};
use crate::model::money::{from_cents, to_cents};
use crate::model::{Money, UnitKind};

/// Partage `amount_cents` au prorata de `weights`, au centime, par la règle du plus fort
/// reste : chacun reçoit d'abord la partie entière (en centimes) de sa part exacte, puis
/// les centimes restants vont un à un aux plus forts restes ; à reste égal, au premier
/// dans l'ordre donné. Un poids nul ou négatif ne reçoit rien. Les parts font toujours
/// exactement le montant ; un montant négatif (avoir) se partage comme son opposé.
/// `None` quand aucun poids n'est positif (rien sur quoi répartir).
pub fn split_by_weights(amount_cents: i64, weights: &[i64]) -> Option<Vec<i64>> {
    let total: i128 = weights.iter().filter(|w| **w > 0).map(|w| *w as i128).sum();
    if total == 0 {
        return None;
    }
    let amount = (amount_cents as i128).abs();
    let mut parts = Vec::with_capacity(weights.len());
    let mut remainders = Vec::with_capacity(weights.len());
    for (i, w) in weights.iter().enumerate() {
        let w = (*w).max(0) as i128;
        parts.push(amount * w / total);
        remainders.push((amount * w % total, i));
    }
    let left = amount - parts.iter().sum::<i128>();
    // Plus fort reste d'abord ; à reste égal, l'ordre donné (tri stable).
    remainders.sort_by_key(|r| std::cmp::Reverse(r.0));
    for (_, i) in remainders.iter().take(left as usize) {
        parts[*i] += 1;
    }
    let sign = if amount_cents < 0 { -1 } else { 1 };
    Some(parts.into_iter().map(|p| sign * p as i64).collect())
}

/// Partage d'un montant en euros (au centime) ; `None` comme `split_by_weights`, ou si le
/// montant a plus de deux décimales.
pub fn split_money(amount: Money, weights: &[i64]) -> Option<Vec<Money>> {
    let parts = split_by_weights(to_cents(amount)?, weights)?;
    Some(parts.into_iter().map(from_cents).collect())
}

/// Un lot de l'immeuble, tel que la répartition en a besoin.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UnitRef<'a> {
    pub reference: &'a str,
    pub kind: UnitKind,
}

/// Comment une ligne de charge désigne ses lots.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target<'a> {
    /// Charge individuelle : le lot saisi.
    Unit(&'a str),
    /// Charge collective : la clé saisie.
    Key(&'a AllocationKey),
    /// Ni lot ni clé.
    Unkeyed,
}

/// Pourquoi une charge n'a pas pu aller aux lots (le compte rendu le dit).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UnitSplitProblem {
    /// Aucun lot n'a de tantièmes (positifs) pour la clé.
    MissingShares { key: String },
    /// Charge sans clé dans un immeuble de plusieurs lots principaux.
    NoKey,
}

impl std::fmt::Display for UnitSplitProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::MissingShares { key } => write!(
                f,
                "aucun lot n'a de tantièmes pour la clé « {key} » : saisir les tantièmes des lots (fenêtre Immeubles)"
            ),
            Self::NoKey => f.write_str(
                "charge collective sans clé de répartition : indiquer la clé dans la pièce",
            ),
        }
    }
}

/// Parts d'une charge par lot (référence du lot, montant), dans l'ordre des lots de
/// `units` pour une clé. Les lots sans tantièmes n'apparaissent pas.
pub fn split_over_units(
    amount: Money,
    target: Target,
    units: &[UnitRef],
) -> Result<Vec<(String, Money)>, UnitSplitProblem> {
    if let Some(unit) = individual_unit(target, units) {
        return Ok(vec![(unit.to_string(), amount)]);
    }
    let Target::Key(key) = target else {
        return Err(UnitSplitProblem::NoKey);
    };
    let keyed: Vec<&UnitShare> = key.shares.iter().filter(|s| s.shares > 0).collect();
    let weights: Vec<i64> = keyed.iter().map(|s| s.shares).collect();
    let parts = split_money(amount, &weights).ok_or_else(|| UnitSplitProblem::MissingShares {
        key: key.code.clone(),
    })?;
    Ok(keyed
        .iter()
        .zip(parts)
        .map(|(s, part)| (s.unit.clone(), part))
        .collect())
}

/// Le lot qui porte toute la charge : le lot saisi ; le seul lot d'un immeuble d'un lot
/// (toute charge y est individuelle, clé ou pas) ; sans clé, le seul lot principal d'un
/// immeuble dont les autres lots sont secondaires.
fn individual_unit<'a>(target: Target<'a>, units: &[UnitRef<'a>]) -> Option<&'a str> {
    match (target, units) {
        (Target::Unit(unit), _) => Some(unit),
        (_, [only]) => Some(only.reference),
        (Target::Unkeyed, _) => {
            let mut principals = units.iter().filter(|u| u.kind == UnitKind::Principal);
            match (principals.next(), principals.next()) {
                (Some(principal), None) => Some(principal.reference),
                _ => None,
            }
        }
        (Target::Key(_), _) => None,
    }
}

/// Une location d'un lot : ses dates (fin ouverte tant qu'elle court).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Occupation {
    pub lease: String,
    pub start: NaiveDate,
    pub end: Option<NaiveDate>,
}

impl Occupation {
    /// Jours de la location dans la période (bornes comprises).
    pub fn days_within(&self, from: NaiveDate, to: NaiveDate) -> i64 {
        let start = self.start.max(from);
        let end = self.end.map_or(to, |e| e.min(to));
        ((end - start).num_days() + 1).max(0)
    }

    fn present_on(&self, date: NaiveDate) -> bool {
        self.start <= date && self.end.is_none_or(|e| date <= e)
    }
}

/// Part d'une charge d'un lot pour une location, avec ses jours (0 pour une charge
/// ponctuelle) : le relevé les montre.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeasePart {
    pub lease: String,
    pub days: i64,
    pub amount: Money,
}

/// Répartition de la part d'un lot sur ses locations ; `landlord` : ce qui reste au
/// propriétaire (vacance d'une charge qui la comprend, ou lot sans location).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LeaseSplit {
    pub parts: Vec<LeasePart>,
    pub landlord: Money,
    /// Jours vacants comptés dans la base (charge qui comprend la vacance).
    pub vacant_days: i64,
}

/// Répartit la part `amount` d'un lot sur ses locations `occupations` pour la période
/// `from`–`to` de la charge : ponctuelle si `from == to`, sinon au prorata des jours
/// (voir l'en-tête du module). Les locations sans jour dans la période n'apparaissent pas.
pub fn split_over_leases(
    amount: Money,
    from: NaiveDate,
    to: NaiveDate,
    occupations: &[Occupation],
    spreads_over_vacancy: bool,
) -> LeaseSplit {
    if from == to {
        return one_off(amount, from, occupations);
    }
    let present: Vec<(&Occupation, i64)> = occupations
        .iter()
        .map(|o| (o, o.days_within(from, to)))
        .filter(|(_, days)| *days > 0)
        .collect();
    let mut weights: Vec<i64> = present.iter().map(|(_, days)| *days).collect();
    let vacant_days = if spreads_over_vacancy {
        let period_days = (to - from).num_days() + 1;
        (period_days - weights.iter().sum::<i64>()).max(0)
    } else {
        0
    };
    weights.push(vacant_days);
    let Some(mut parts) = split_money(amount, &weights) else {
        return LeaseSplit {
            landlord: amount,
            ..LeaseSplit::default()
        };
    };
    let landlord = parts.pop().unwrap_or(Money::ZERO);
    LeaseSplit {
        parts: present
            .iter()
            .zip(parts)
            .map(|((o, days), amount)| LeasePart {
                lease: o.lease.clone(),
                days: *days,
                amount,
            })
            .collect(),
        landlord,
        vacant_days,
    }
}

/// Charge ponctuelle : toute au locataire présent à sa date, sinon au propriétaire.
fn one_off(amount: Money, date: NaiveDate, occupations: &[Occupation]) -> LeaseSplit {
    match occupations.iter().find(|o| o.present_on(date)) {
        Some(o) => LeaseSplit {
            parts: vec![LeasePart {
                lease: o.lease.clone(),
                days: 0,
                amount,
            }],
            ..LeaseSplit::default()
        },
        None => LeaseSplit {
            landlord: amount,
            ..LeaseSplit::default()
        },
    }
}

/// Part d'une charge pour une location d'un lot, ou pour le propriétaire (`lease` vide :
/// vacance d'une charge qui la comprend, lot sans location).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChargeShare {
    pub unit: String,
    pub lease: Option<String>,
    pub days: i64,
    pub amount: Money,
}

/// Répartit une ligne de charge de la période `from`–`to` : aux lots (`split_over_units`),
/// puis aux locations de chaque lot (`occupations` : les locations d'un lot). Les parts
/// (propriétaire compris) font exactement `amount`.
pub fn distribute(
    amount: Money,
    target: Target,
    units: &[UnitRef],
    occupations: &dyn Fn(&str) -> Vec<Occupation>,
    (from, to): (NaiveDate, NaiveDate),
    spreads_over_vacancy: bool,
) -> Result<Vec<ChargeShare>, UnitSplitProblem> {
    let mut out = Vec::new();
    for (unit, part) in split_over_units(amount, target, units)? {
        let split = split_over_leases(part, from, to, &occupations(&unit), spreads_over_vacancy);
        out.extend(split.parts.into_iter().map(|p| ChargeShare {
            unit: unit.clone(),
            lease: Some(p.lease),
            days: p.days,
            amount: p.amount,
        }));
        if !split.landlord.is_zero() {
            out.push(ChargeShare {
                unit: unit.clone(),
                lease: None,
                days: split.vacant_days,
                amount: split.landlord,
            });
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn m(text: &str) -> Money {
        Money::from_str(text).expect("montant")
    }

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("date")
    }

    fn occ(lease: &str, start: NaiveDate, end: Option<NaiveDate>) -> Occupation {
        Occupation {
            lease: lease.into(),
            start,
            end,
        }
    }

    fn key(shares: &[(&str, i64)]) -> AllocationKey {
        AllocationKey {
            building: "IMM01".into(),
            code: "CHAUF".into(),
            label: "Chauffage".into(),
            order: 0,
            total_shares: 100,
            shares: shares
                .iter()
                .map(|(unit, shares)| UnitShare {
                    unit: (*unit).into(),
                    shares: *shares,
                })
                .collect(),
        }
    }

    fn unit(reference: &str, kind: UnitKind) -> UnitRef<'_> {
        UnitRef { reference, kind }
    }

    #[test]
    fn exact_shares_need_no_rounding() {
        // 1 000,00 × 333/1000 = 333,00 ; × 334/1000 = 334,00.
        assert_eq!(
            split_by_weights(100_000, &[333, 333, 334]),
            Some(vec![33_300, 33_300, 33_400])
        );
    }

    #[test]
    fn the_leftover_cent_goes_to_the_largest_remainder_then_to_the_first() {
        // 100,00 / 3 = 33,333… : 33,33 chacun (99,99), le centime restant va au plus fort
        // reste ; les trois restes sont égaux, il va au premier.
        assert_eq!(
            split_by_weights(10_000, &[1, 1, 1]),
            Some(vec![3_334, 3_333, 3_333])
        );
        // 10,00 sur 1/2 : 3,333… (reste 1/3) et 6,666… (reste 2/3) → 3,33 et 6,67.
        assert_eq!(split_by_weights(1_000, &[1, 2]), Some(vec![333, 667]));
        // Un avoir se partage comme son opposé.
        assert_eq!(split_by_weights(-1_000, &[1, 2]), Some(vec![-333, -667]));
    }

    #[test]
    fn zero_weights_get_nothing_and_no_weight_at_all_is_reported() {
        assert_eq!(
            split_by_weights(1_000, &[0, 3, -2, 1]),
            Some(vec![0, 750, 0, 250])
        );
        assert_eq!(split_by_weights(1_000, &[0, 0]), None);
        assert_eq!(split_by_weights(1_000, &[]), None);
    }

    #[test]
    fn a_collective_charge_goes_to_units_by_key_shares() {
        // Acceptation : clé Chauffage, lot A 60, lot B 40, chauffage 2 000,00.
        let k = key(&[("A", 60), ("B", 40), ("C", 0)]);
        let units = [
            unit("A", UnitKind::Principal),
            unit("B", UnitKind::Principal),
            unit("C", UnitKind::Principal),
        ];
        assert_eq!(
            split_over_units(m("2000.00"), Target::Key(&k), &units),
            Ok(vec![("A".into(), m("1200.00")), ("B".into(), m("800.00"))])
        );
        // Tantièmes des lots à 95 sur 100 : la charge est toute répartie sur 95
        // (l'avertissement vient de la clé) ; 1 000,00 × 60/95 = 631,578… → 631,58,
        // × 35/95 = 368,421… → 368,42.
        let short = key(&[("A", 60), ("B", 35)]);
        assert_eq!(
            split_over_units(m("1000.00"), Target::Key(&short), &units),
            Ok(vec![("A".into(), m("631.58")), ("B".into(), m("368.42"))])
        );
        assert!(short.warning().is_some());
    }

    #[test]
    fn a_key_without_shares_and_an_unkeyed_charge_are_reported() {
        let units = [
            unit("A", UnitKind::Principal),
            unit("B", UnitKind::Principal),
        ];
        let empty = key(&[("A", 0)]);
        let err = split_over_units(m("10"), Target::Key(&empty), &units).expect_err("refusé");
        assert_eq!(
            err,
            UnitSplitProblem::MissingShares {
                key: "CHAUF".into()
            }
        );
        assert!(err.to_string().contains("« CHAUF »"));
        assert_eq!(
            split_over_units(m("10"), Target::Unkeyed, &units),
            Err(UnitSplitProblem::NoKey)
        );
    }

    #[test]
    fn individual_charges_principal_unit_and_one_unit_building() {
        let units = [
            unit("A", UnitKind::Principal),
            unit("CAVE", UnitKind::Secondary),
            unit("PARK", UnitKind::Secondary),
        ];
        // Charge individuelle : toute au lot saisi, même secondaire.
        assert_eq!(
            split_over_units(m("45.10"), Target::Unit("CAVE"), &units),
            Ok(vec![("CAVE".into(), m("45.10"))])
        );
        // Un seul lot principal, les autres secondaires, pas de clé : au lot principal.
        assert_eq!(
            split_over_units(m("300.00"), Target::Unkeyed, &units),
            Ok(vec![("A".into(), m("300.00"))])
        );
        // Immeuble d'un seul lot : toute charge est individuelle, même avec une clé
        // dont le lot n'a pas de tantièmes.
        let one = [unit("SEUL", UnitKind::Principal)];
        let k = key(&[]);
        assert_eq!(
            split_over_units(m("99.99"), Target::Key(&k), &one),
            Ok(vec![("SEUL".into(), m("99.99"))])
        );
    }

    #[test]
    fn a_periodic_charge_follows_the_days_of_successive_leases() {
        // Acceptation : lot B, 800,00 pour 2026 (365 jours), un bail du 01/01 au 30/06
        // (181 jours), le suivant dès le 01/07 (184 jours) : 800 × 181/365 = 396,712…,
        // 800 × 184/365 = 403,287… ; en centimes 39 671,23 et 40 328,76 : 396,71 + 403,28
        // = 799,99, le centime au plus fort reste (,76 > ,23 : au second) → 396,71 et 403,29.
        let leases = [
            occ("BAIL1", d(2026, 1, 1), Some(d(2026, 6, 30))),
            occ("BAIL2", d(2026, 7, 1), None),
        ];
        for spreads in [false, true] {
            let split = split_over_leases(
                m("800.00"),
                d(2026, 1, 1),
                d(2026, 12, 31),
                &leases,
                spreads,
            );
            assert_eq!(
                split.parts,
                [
                    LeasePart {
                        lease: "BAIL1".into(),
                        days: 181,
                        amount: m("396.71")
                    },
                    LeasePart {
                        lease: "BAIL2".into(),
                        days: 184,
                        amount: m("403.29")
                    },
                ]
            );
            assert_eq!(split.landlord, Money::ZERO, "pas de vacance");
        }
    }

    #[test]
    fn vacancy_stays_with_the_landlord_only_when_the_account_spreads_over_it() {
        // Acceptation : lot B vacant en janvier (31 jours), loué dès le 01/02 (334 jours).
        let leases = [occ("BAIL2", d(2026, 2, 1), None)];
        let (from, to) = (d(2026, 1, 1), d(2026, 12, 31));
        let not_spreading = split_over_leases(m("800.00"), from, to, &leases, false);
        assert_eq!(not_spreading.parts[0].amount, m("800.00"));
        assert_eq!(not_spreading.landlord, Money::ZERO);
        // 800 × 334/365 = 732,054… ; 800 × 31/365 = 67,945… ; le centime au plus fort
        // reste (,945) → 732,05 au bail, 67,95 au propriétaire.
        let spreading = split_over_leases(m("800.00"), from, to, &leases, true);
        assert_eq!(spreading.parts[0].days, 334);
        assert_eq!(spreading.parts[0].amount, m("732.05"));
        assert_eq!(spreading.landlord, m("67.95"));
        assert_eq!(spreading.vacant_days, 31);
        // 1 000,00, année de 365 jours, bail de 100 jours (01/01 → 10/04) :
        // 1 000 × 100/365 = 273,972… → 273,97 ; vacance 726,027… → 726,03.
        let short = [occ("B", d(2026, 1, 1), Some(d(2026, 4, 10)))];
        let split = split_over_leases(m("1000.00"), from, to, &short, true);
        assert_eq!(split.parts[0].days, 100);
        assert_eq!(split.parts[0].amount, m("273.97"));
        assert_eq!(split.landlord, m("726.03"));
        // Sans la vacance, le seul bail porte tout.
        let split = split_over_leases(m("1000.00"), from, to, &short, false);
        assert_eq!(split.parts[0].amount, m("1000.00"));
    }

    #[test]
    fn a_unit_without_lease_leaves_the_charge_to_the_landlord() {
        let before = [occ("ANCIEN", d(2024, 1, 1), Some(d(2025, 12, 31)))];
        let split = split_over_leases(m("50.00"), d(2026, 1, 1), d(2026, 12, 31), &before, false);
        assert!(split.parts.is_empty());
        assert_eq!(split.landlord, m("50.00"));
    }

    #[test]
    fn a_one_off_charge_goes_wholly_to_the_tenant_present_on_its_date() {
        // Acceptation : réparation de 150,00 sur le lot B le 15/05.
        let leases = [
            occ("BAIL1", d(2026, 1, 1), Some(d(2026, 6, 30))),
            occ("BAIL2", d(2026, 7, 1), None),
        ];
        let may = d(2026, 5, 15);
        let split = split_over_leases(m("150.00"), may, may, &leases, true);
        assert_eq!(
            split.parts,
            [LeasePart {
                lease: "BAIL1".into(),
                days: 0,
                amount: m("150.00")
            }]
        );
        assert_eq!(split.landlord, Money::ZERO);
        // Le jour de sortie compte encore ; le lendemain, c'est le bail suivant.
        let june = d(2026, 6, 30);
        assert_eq!(
            split_over_leases(m("1"), june, june, &leases, false).parts[0].lease,
            "BAIL1"
        );
        let july = d(2026, 7, 1);
        assert_eq!(
            split_over_leases(m("1"), july, july, &leases, false).parts[0].lease,
            "BAIL2"
        );
        // Personne ce jour-là : au propriétaire.
        let earlier = d(2025, 12, 1);
        assert_eq!(
            split_over_leases(m("150.00"), earlier, earlier, &leases, false).landlord,
            m("150.00")
        );
    }

    #[test]
    fn the_acceptance_heating_charge_goes_to_units_then_to_leases() {
        // Clé Chauffage (A 60, B 40), 2 000,00 pour 2026, compte sans la vacance : A loué
        // toute l'année → 1 200,00 ; B : 396,71 et 403,29 (voir plus haut) ; total 2 000,00.
        let k = key(&[("A", 60), ("B", 40)]);
        let units = [
            unit("A", UnitKind::Principal),
            unit("B", UnitKind::Principal),
        ];
        let occupations = |u: &str| match u {
            "A" => vec![occ("BAILA", d(2025, 3, 1), None)],
            _ => vec![
                occ("BAIL1", d(2026, 1, 1), Some(d(2026, 6, 30))),
                occ("BAIL2", d(2026, 7, 1), None),
            ],
        };
        let shares = distribute(
            m("2000.00"),
            Target::Key(&k),
            &units,
            &occupations,
            (d(2026, 1, 1), d(2026, 12, 31)),
            false,
        )
        .expect("répartie");
        let got: Vec<(&str, Option<&str>, i64, Money)> = shares
            .iter()
            .map(|s| (s.unit.as_str(), s.lease.as_deref(), s.days, s.amount))
            .collect();
        assert_eq!(
            got,
            [
                ("A", Some("BAILA"), 365, m("1200.00")),
                ("B", Some("BAIL1"), 181, m("396.71")),
                ("B", Some("BAIL2"), 184, m("403.29")),
            ]
        );
        assert_eq!(shares.iter().map(|s| s.amount).sum::<Money>(), m("2000.00"));
        // B vacant en janvier, compte qui comprend la vacance : 732,05 au bail, 67,95 au
        // propriétaire (lease vide, 31 jours).
        let vacant = |u: &str| match u {
            "A" => vec![occ("BAILA", d(2025, 3, 1), None)],
            _ => vec![occ("BAIL2", d(2026, 2, 1), None)],
        };
        let shares = distribute(
            m("2000.00"),
            Target::Key(&k),
            &units,
            &vacant,
            (d(2026, 1, 1), d(2026, 12, 31)),
            true,
        )
        .expect("répartie");
        assert_eq!(
            shares[2],
            ChargeShare {
                unit: "B".into(),
                lease: None,
                days: 31,
                amount: m("67.95")
            }
        );
        assert_eq!(shares[1].amount, m("732.05"));
        assert_eq!(shares.iter().map(|s| s.amount).sum::<Money>(), m("2000.00"));
    }
}
