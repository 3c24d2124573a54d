//! Contrôle des invariants enregistrés (« abri verifier ») : intégrité SQLite,
//! références, validation de chaque fiche, cohérences entre fiches.

use super::{Result, Session, Store};
use crate::store::*;

/// Un problème trouvé, en français, avec la fiche en cause.
pub type Problem = String;

impl Store {
    /// Contrôle toute la base ; une liste vide veut dire « tout va bien ».
    pub fn verify(&self) -> Result<Vec<Problem>> {
        let mut problems = Vec::new();
        let integrity: Vec<String> = {
            let mut stmt = self.conn.prepare("PRAGMA integrity_check")?;
            let rows = stmt.query_map([], |r| r.get(0))?;
            rows.collect::<rusqlite::Result<Vec<String>>>()?
        };
        if integrity != ["ok"] {
            problems.extend(
                integrity
                    .into_iter()
                    .map(|m| format!("intégrité SQLite : {m}")),
            );
        }
        {
            let mut stmt = self
                .conn
                .prepare("SELECT \"table\", rowid, parent FROM pragma_foreign_key_check")?;
            let rows = stmt.query_map([], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, Option<i64>>(1)?,
                    r.get::<_, String>(2)?,
                ))
            })?;
            for row in rows {
                let (table, rowid, parent) = row?;
                problems.push(format!(
                    "référence cassée : {table} ligne {} désigne une fiche absente de {parent}",
                    rowid.unwrap_or(0)
                ));
            }
        }
        problems.extend(self.cross_landlord_links()?);
        for (code, _) in self.landlords()? {
            let session = self.session(Some(&code), "verifier")?;
            problems.extend(
                self.verify_landlord(&session)?
                    .into_iter()
                    .map(|p| format!("bailleur {code} : {p}")),
            );
        }
        Ok(problems)
    }

    /// Une fiche ne désigne que des fiches de son propre bailleur.
    fn cross_landlord_links(&self) -> Result<Vec<Problem>> {
        const LINKS: &[(&str, &str, &str)] = &[
            ("unit", "building_id", "building"),
            ("tenant", "third_party_id", "third_party"),
            ("benefit_claim", "tenant_id", "tenant"),
            ("benefit_claim", "payer_id", "third_party"),
            ("building", "syndic_id", "third_party"),
            ("lease", "unit_id", "unit"),
            ("lease", "tenant_id", "tenant"),
            ("lease", "third_party_payer_id", "third_party"),
            ("lease", "bank_id", "bank"),
            ("lease_period", "lease_id", "lease"),
            ("lease_exit", "lease_id", "lease"),
            ("lease_item", "lease_id", "lease"),
            ("lease_item", "charge_item_id", "charge_item"),
            ("template_line", "template_id", "voucher_template"),
            ("allocation_key", "building_id", "building"),
            ("allocation_share", "key_id", "allocation_key"),
            ("allocation_share", "unit_id", "unit"),
            ("revision_terms", "unit_id", "unit"),
            ("revision_terms", "lease_id", "lease"),
        ];
        let mut problems = Vec::new();
        for (table, column, parent) in LINKS {
            let sql = format!(
                "SELECT count(*) FROM {table} c JOIN {parent} p ON p.id = c.{column} WHERE p.landlord_id <> c.landlord_id"
            );
            let n: i64 = self.conn.query_row(&sql, [], |r| r.get(0))?;
            if n > 0 {
                problems.push(format!(
                    "{n} ligne(s) de {table} désignent un(e) {parent} d'un autre bailleur"
                ));
            }
        }
        Ok(problems)
    }

    /// Valide chaque fiche du bailleur et les règles entre fiches.
    fn verify_landlord(&self, session: &Session) -> Result<Vec<Problem>> {
        let repo = self.read(session);
        let mut problems = Vec::new();
        let mut report =
            |what: &str,
             reference: &str,
             result: std::result::Result<(), Vec<crate::model::Invalid>>| {
                if let Err(errors) = result {
                    for e in errors {
                        problems.push(format!("{what} « {reference} » : {e}"));
                    }
                }
            };
        report(
            "bailleur",
            &session.landlord_code,
            self.landlord(session)?.validate(),
        );
        for b in repo.buildings()? {
            report("immeuble", &b.reference, b.validate());
        }
        for u in repo.units()? {
            report("lot", &u.reference, u.validate());
        }
        for t in repo.third_parties()? {
            report("tiers", &t.reference, t.validate());
        }
        let leases = repo.leases()?;
        let with_lease: std::collections::HashSet<&str> =
            leases.iter().map(|l| l.tenant.as_str()).collect();
        for t in repo.tenants()? {
            report("locataire", &t.reference, t.validate());
            let has_lease = with_lease.contains(t.reference.as_str());
            let expected = if has_lease {
                crate::model::TenantState::Tenant
            } else {
                crate::model::TenantState::Candidate
            };
            if t.state != expected {
                report(
                    "locataire",
                    &t.reference,
                    Err(vec![crate::model::Invalid::new(
                        "etat",
                        format!(
                            "état « {} » alors qu'il devrait être « {} »",
                            t.state, expected
                        ),
                    )]),
                );
            }
        }
        for l in &leases {
            report("location", &l.reference, l.validate());
        }
        for t in repo.revision_terms()? {
            let (what, reference) = match &t.owner {
                crate::model::RevisionOwner::Unit(r) => ("conditions de révision du lot", r),
                crate::model::RevisionOwner::Lease(r) => {
                    ("conditions de révision de la location", r)
                }
            };
            report(what, reference, t.validate());
        }
        let units = repo.units()?;
        for k in repo.allocation_keys()? {
            let of_building: Vec<&str> = units
                .iter()
                .filter(|u| u.building == k.building)
                .map(|u| u.reference.as_str())
                .collect();
            report(
                "clé de répartition",
                &format!("{} / {}", k.building, k.code),
                k.validate(&of_building),
            );
        }
        for p in repo.periods()? {
            report("période de location", &p.lease, p.validate());
        }
        for i in repo.lease_items()? {
            report(
                "rubrique de location",
                &format!("{} / {}", i.lease, i.item),
                i.validate(),
            );
        }
        for a in repo.accounts()? {
            report("compte", &a.reference, a.validate());
        }
        for j in repo.journals()? {
            report("journal", &j.reference, j.validate());
        }
        for t in repo.templates()? {
            report("modèle", &t.reference, t.validate());
        }
        for c in repo.charge_items()? {
            report("rubrique", &c.reference, c.validate());
        }
        for b in repo.banks()? {
            report("banque", &b.reference, b.validate());
        }
        problems.extend(self.verify_vouchers(session)?);
        // Le reflet des numéros allocataires suit le tableau des allocations.
        let mut stmt = self.conn.prepare(
            "SELECT t.reference, t.claimant_numbers, coalesce((SELECT group_concat(claimant_no, ' ') FROM
                (SELECT claimant_no FROM benefit_claim c WHERE c.tenant_id = t.id ORDER BY c.id)), '')
             FROM tenant t WHERE t.landlord_id = ?1",
        )?;
        let rows = stmt.query_map([session.landlord_id], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
            ))
        })?;
        for row in rows {
            let (reference, mirror, actual) = row?;
            if mirror != actual {
                problems.push(format!("locataire « {reference} » : numéros allocataires « {mirror} » au lieu de « {actual} »"));
            }
        }
        Ok(problems)
    }

    /// Pièces : scellées, équilibrées, numérotées sans trou par année (les numéros des
    /// pièces supprimées restent au journal des pièces), contenu conforme à son empreinte
    /// et à son dernier événement, journal des pièces chaîné sans rupture.
    ///
    /// Tout se lit en flux, sans garder les pièces ni le journal en mémoire : les pièces
    /// par numéro (avec leurs écritures), le journal une fois dans l'ordre (chaîne) et une
    /// fois par numéro (dernier événement de chaque numéro, fusionné avec les pièces). Les
    /// problèmes sont rendus dans le même ordre qu'avant : pièces non scellées ou
    /// déséquilibrées, dates de valeur, chaîne, numérotation, empreintes, disparitions.
    fn verify_vouchers(&self, session: &Session) -> Result<Vec<Problem>> {
        let repo = self.read(session);
        let landlord = session.landlord_id;

        // Chaîne du journal des pièces : s'arrête à la première rupture.
        let mut chain = Vec::new();
        let mut prev_hash = String::new();
        repo.each_ledger_event(|event, stored| {
            if chain.is_empty()
                && (event.prev_hash != prev_hash
                    || crate::ledger::hash::event_hash(event) != stored)
            {
                chain.push(format!(
                    "journal des pièces : l'événement « {} » de la pièce {} du {} a été modifié ou retiré hors d'Abri (première rupture de la chaîne)",
                    event.kind, event.number, event.at
                ));
            }
            prev_hash.clear();
            prev_hash.push_str(stored);
            Ok(())
        })?;

        // Dernier événement de chaque numéro, par numéro (index `ledger_event_number`).
        let mut stmt = self.conn.prepare(
            "SELECT number, kind, content_hash FROM ledger_event WHERE landlord_id = ?1 ORDER BY number, id",
        )?;
        let mut last = LastEvents {
            rows: stmt.query([landlord])?,
            pending: None,
            ahead: None,
            done: false,
        };
        let mut sealing = Vec::new();
        let mut misdated: i64 = 0;
        let mut numbering = Numbering::default();
        let mut numbered = Vec::new();
        let mut contents = Vec::new();
        let mut vanished = Vec::new();
        // Un numéro du journal sans pièce lisible : disparue, sauf suppression.
        let absent = |event: &LastEvent, vanished: &mut Vec<Problem>| {
            if event.kind != "suppression" {
                vanished.push(format!(
                    "pièce {} : disparue hors d'Abri (aucune suppression au journal des pièces)",
                    event.number
                ));
            }
        };
        repo.each_voucher_record(|record| {
            let number = record.content.number.as_str();
            if !record.sealed || record.edit_open {
                sealing.push(format!(
                    "pièce {number} : jamais scellée (enregistrement interrompu)"
                ));
            }
            if record.debit != record.credit || record.entry_count == 0 {
                sealing.push(format!(
                    "pièce {number} : déséquilibrée (débit {} c, crédit {} c, {} écriture(s))",
                    record.debit, record.credit, record.entry_count
                ));
            }
            misdated += record.misdated_entries;
            // Les numéros du journal qui précèdent celui-ci n'ont pas de pièce.
            while let Some(event) = last.next_before(number)? {
                numbering.check(&event.number, &mut numbered);
                absent(&event, &mut vanished);
            }
            let event = last.take_if(number)?;
            if let Some(event) = &event {
                numbering.check(&event.number, &mut numbered);
            }
            if !record.journal_found {
                // Sans journal, la pièce n'a pas de contenu lisible : comme absente.
                if let Some(event) = &event {
                    absent(event, &mut vanished);
                }
                return Ok(());
            }
            if crate::ledger::hash::voucher_hash(&record.content) != record.stored_hash {
                contents.push(format!("pièce {number} : empreinte invalide — la pièce ou ses écritures ont été modifiées hors d'Abri"));
                return Ok(());
            }
            match &event {
                Some(e) if e.kind != "suppression" && e.content_hash == record.stored_hash => {}
                Some(e) if e.kind == "suppression" => contents.push(format!(
                    "pièce {number} : supprimée au journal des pièces mais encore présente"
                )),
                _ => contents.push(format!(
                    "pièce {number} : ne correspond pas au journal des pièces — elle a été créée ou modifiée hors d'Abri"
                )),
            }
            Ok(())
        })?;
        while let Some(event) = last.take_next()? {
            numbering.check(&event.number, &mut numbered);
            absent(&event, &mut vanished);
        }
        drop(last);
        drop(stmt);

        // Écritures du bailleur rattachées aux pièces d'un autre bailleur (la lecture
        // par pièce ne voit que les pièces du bailleur).
        let foreign: i64 = self.conn.query_row(
            "SELECT count(*) FROM voucher v CROSS JOIN entry e
             WHERE (v.landlord_id < ?1 OR v.landlord_id > ?1) AND e.voucher_id = v.id
                   AND e.landlord_id = ?1 AND e.value_date IS NOT v.value_date",
            [landlord],
            |r| r.get(0),
        )?;
        let copies = misdated + foreign;

        let mut problems = sealing;
        if copies > 0 {
            problems.push(format!(
                "{copies} écriture(s) ne portent pas la date de valeur de leur pièce"
            ));
        }
        problems.extend(chain);
        problems.extend(numbered);
        problems.extend(contents);
        problems.extend(vanished);
        Ok(problems)
    }
}

/// Numérotation : chaque année, 1 à n sans trou, pièces supprimées comprises ; les
/// numéros arrivent dans l'ordre.
#[derive(Default)]
struct Numbering {
    previous: Option<(String, u32)>,
}

impl Numbering {
    fn check(&mut self, number: &str, problems: &mut Vec<Problem>) {
        let (year, seq) = (
            number.get(..4).unwrap_or(""),
            number
                .get(4..)
                .and_then(|s| s.parse::<u32>().ok())
                .unwrap_or(0),
        );
        let expected = match &self.previous {
            Some((y, s)) if y == year => s + 1,
            _ => 1,
        };
        if seq != expected {
            problems.push(format!(
                "pièce {number} : numérotation interrompue (attendu {year}{expected:06})"
            ));
        }
        match &mut self.previous {
            Some((y, s)) => {
                y.clear();
                y.push_str(year);
                *s = seq;
            }
            None => self.previous = Some((year.to_string(), seq)),
        }
    }
}

/// Le dernier événement d'un numéro.
struct LastEvent {
    number: String,
    kind: String,
    content_hash: String,
}

/// Les événements du journal par numéro puis ordre d'enregistrement : rend le dernier
/// de chaque numéro, dans l'ordre des numéros.
struct LastEvents<'s> {
    rows: rusqlite::Rows<'s>,
    /// Dernier événement lu du numéro en cours.
    pending: Option<LastEvent>,
    /// Dernier événement complet, pas encore rendu.
    ahead: Option<LastEvent>,
    done: bool,
}

impl LastEvents<'_> {
    /// Le prochain numéro complet (son dernier événement), ou `None` à la fin.
    fn peek(&mut self) -> Result<Option<&LastEvent>> {
        while self.ahead.is_none() && !self.done {
            let Some(r) = self.rows.next()? else {
                self.ahead = self.pending.take();
                self.done = true;
                break;
            };
            let number: String = r.get(0)?;
            let event = LastEvent {
                number,
                kind: r.get(1)?,
                content_hash: r.get(2)?,
            };
            match self.pending.take() {
                Some(p) if p.number != event.number => {
                    self.ahead = Some(p);
                    self.pending = Some(event);
                }
                _ => self.pending = Some(event),
            }
        }
        Ok(self.ahead.as_ref())
    }

    /// Le prochain numéro s'il précède `number`.
    fn next_before(&mut self, number: &str) -> Result<Option<LastEvent>> {
        Ok(match self.peek()? {
            Some(e) if e.number.as_str() < number => self.ahead.take(),
            _ => None,
        })
    }

    /// Le prochain numéro s'il est `number`.
    fn take_if(&mut self, number: &str) -> Result<Option<LastEvent>> {
        Ok(match self.peek()? {
            Some(e) if e.number == number => self.ahead.take(),
            _ => None,
        })
    }

    /// Le prochain numéro, quel qu'il soit.
    fn take_next(&mut self) -> Result<Option<LastEvent>> {
        self.peek()?;
        Ok(self.ahead.take())
    }
}
