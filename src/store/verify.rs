//! Contrôle des invariants enregistrés (« abri verifier ») : intégrité SQLite,
//! références, validation de chaque fiche, cohérences entre fiches.

use super::{Result, Session, Store};

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
            ("lease_item", "lease_id", "lease"),
            ("lease_item", "charge_item_id", "charge_item"),
            ("template_line", "template_id", "voucher_template"),
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
        for t in repo.tenants()? {
            report("locataire", &t.reference, t.validate());
            let has_lease = leases.iter().any(|l| l.tenant == t.reference);
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
    fn verify_vouchers(&self, session: &Session) -> Result<Vec<Problem>> {
        let mut problems = Vec::new();
        let mut stmt = self.conn.prepare(
            "SELECT v.number, v.sealed, v.edit_open, coalesce(sum(e.debit), 0), coalesce(sum(e.credit), 0), count(e.id)
             FROM voucher v LEFT JOIN entry e ON e.voucher_id = v.id WHERE v.landlord_id = ?1 GROUP BY v.id ORDER BY v.number",
        )?;
        let rows = stmt.query_map([session.landlord_id], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, bool>(1)?,
                r.get::<_, bool>(2)?,
                r.get::<_, i64>(3)?,
                r.get::<_, i64>(4)?,
                r.get::<_, i64>(5)?,
            ))
        })?;
        for row in rows {
            let (number, sealed, open, debit, credit, count) = row?;
            if !sealed || open {
                problems.push(format!(
                    "pièce {number} : jamais scellée (enregistrement interrompu)"
                ));
            }
            if debit != credit || count == 0 {
                problems.push(format!("pièce {number} : déséquilibrée (débit {debit} c, crédit {credit} c, {count} écriture(s))"));
            }
        }
        let copies: i64 = self.conn.query_row(
            "SELECT count(*) FROM entry e JOIN voucher v ON v.id = e.voucher_id
             WHERE e.landlord_id = ?1 AND e.value_date IS NOT v.value_date",
            [session.landlord_id],
            |r| r.get(0),
        )?;
        if copies > 0 {
            problems.push(format!(
                "{copies} écriture(s) ne portent pas la date de valeur de leur pièce"
            ));
        }
        let repo = self.read(session);
        let events = repo.ledger_events()?;
        // Dernier événement de chaque numéro.
        let mut last: std::collections::BTreeMap<&str, &crate::ledger::hash::LedgerEvent> =
            Default::default();
        let mut prev_hash = String::new();
        let mut chain_broken = false;
        for (event, stored) in &events {
            if !chain_broken
                && (event.prev_hash != prev_hash
                    || crate::ledger::hash::event_hash(event) != *stored)
            {
                problems.push(format!(
                    "journal des pièces : l'événement « {} » de la pièce {} du {} a été modifié ou retiré hors d'Abri (première rupture de la chaîne)",
                    event.kind, event.number, event.at
                ));
                chain_broken = true;
            }
            prev_hash = stored.clone();
            last.insert(event.number.as_str(), event);
        }
        // Numérotation : chaque année, 1 à n sans trou, pièces supprimées comprises.
        let mut previous: Option<(&str, u32)> = None;
        for number in last.keys() {
            let (year, seq) = (
                number.get(..4).unwrap_or(""),
                number
                    .get(4..)
                    .and_then(|s| s.parse::<u32>().ok())
                    .unwrap_or(0),
            );
            let expected = match previous {
                Some((y, s)) if y == year => s + 1,
                _ => 1,
            };
            if seq != expected {
                problems.push(format!(
                    "pièce {number} : numérotation interrompue (attendu {year}{expected:06})"
                ));
            }
            previous = Some((year, seq));
        }
        let contents = repo.voucher_contents()?;
        for (number, stored, input) in &contents {
            if crate::ledger::hash::voucher_hash(input) != *stored {
                problems.push(format!("pièce {number} : empreinte invalide — la pièce ou ses écritures ont été modifiées hors d'Abri"));
                continue;
            }
            match last.get(number.as_str()) {
                Some(e) if e.kind != "suppression" && e.content_hash == *stored => {}
                Some(e) if e.kind == "suppression" => {
                    problems.push(format!("pièce {number} : supprimée au journal des pièces mais encore présente"))
                }
                _ => problems.push(format!(
                    "pièce {number} : ne correspond pas au journal des pièces — elle a été créée ou modifiée hors d'Abri"
                )),
            }
        }
        let present: std::collections::HashSet<&str> =
            contents.iter().map(|(n, _, _)| n.as_str()).collect();
        for (number, event) in &last {
            if event.kind != "suppression" && !present.contains(number) {
                problems.push(format!("pièce {number} : disparue hors d'Abri (aucune suppression au journal des pièces)"));
            }
        }
        Ok(problems)
    }
}
