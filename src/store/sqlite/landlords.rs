//! Bailleurs et utilisateurs.

use rusqlite::params;

use super::{Result, Session, Store, StoreError};
use crate::model::Landlord;
use crate::store::*;

impl Store {
    /// Crée un bailleur ; renvoie une session administrateur sur lui.
    pub fn create_landlord(&mut self, landlord: &Landlord, user: &str) -> Result<Session> {
        landlord.validate()?;
        let exists: i64 = self.conn.query_row(
            "SELECT count(*) FROM landlord WHERE code = ?1",
            [&landlord.code],
            |r| r.get(0),
        )?;
        if exists > 0 {
            return Err(StoreError::Duplicate {
                what: "Bailleur",
                reference: landlord.code.clone(),
            });
        }
        let tx = self.conn.transaction()?;
        tx.execute(
            "INSERT INTO landlord (code, name, street, postcode, city, phone, siret, caf_code, creditor_id, iban, bic)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            params![
                landlord.code, landlord.name, landlord.street, landlord.postcode, landlord.city, landlord.phone,
                landlord.siret, landlord.caf_code, landlord.creditor_id, landlord.iban, landlord.bic
            ],
        )?;
        let session = Session {
            landlord_id: tx.last_insert_rowid(),
            landlord_code: landlord.code.clone(),
            user: user.to_string(),
            role: crate::model::Role::Administrator,
        };
        super::SqliteRepo::new(&tx, &session, None, Some(self.id)).audit(
            "création du bailleur",
            "landlord",
            &landlord.code,
            "",
        )?;
        tx.commit()?;
        Ok(session)
    }

    /// Supprime un bailleur et toutes ses fiches (recréation de la démonstration).
    /// Le journal d'audit, en ajout seul, garde la trace de ce qui a existé.
    pub fn delete_landlord(&mut self, code: &str) -> Result<()> {
        let tx = self.conn.transaction()?;
        let id: Option<i64> = rusqlite::OptionalExtension::optional(tx.query_row(
            "SELECT id FROM landlord WHERE code = ?1",
            [code],
            |r| r.get(0),
        ))?;
        let Some(id) = id else {
            return Err(StoreError::UnknownLandlord(code.to_string()));
        };
        tx.execute(
            "INSERT OR IGNORE INTO landlord_deletion (landlord_id) VALUES (?1)",
            [id],
        )?;
        // Ordre inverse des dépendances. Les lignes des documents n'ont pas de bailleur :
        // elles partent avec leurs documents.
        tx.execute(
            "DELETE FROM document_line WHERE document_id IN (SELECT id FROM document WHERE landlord_id = ?1)",
            [id],
        )?;
        for table in [
            "debit_outcome",
            "debit_return",
            "revision_terms",
            "caf_status",
            "caf_run",
            "debit_file_line",
            "debit_file",
            "ledger_event",
            "lease_item",
            "document",
            "entry",
            "voucher",
            "lease_period",
            "lease_exit",
            "lease",
            "benefit_claim",
            "tenant",
            "allocation_share",
            "allocation_key",
            "unit",
            "building",
            "bank",
            "template_line",
            "voucher_template",
            "charge_item",
            "journal",
            "account",
            "third_party",
            "user_landlord",
        ] {
            tx.execute(&format!("DELETE FROM {table} WHERE landlord_id = ?1"), [id])?;
        }
        tx.execute(
            "INSERT INTO audit_log (landlord_id, at, user_login, action, table_name, row_key) VALUES (NULL, strftime('%Y-%m-%dT%H:%M:%S', 'now'), 'systeme', 'suppression du bailleur', 'landlord', ?1)",
            [code],
        )?;
        tx.execute("DELETE FROM landlord_deletion WHERE landlord_id = ?1", [id])?;
        tx.execute("DELETE FROM landlord WHERE id = ?1", [id])?;
        tx.commit()?;
        Ok(())
    }

    /// Fiche du bailleur de la session.
    pub fn landlord(&self, session: &Session) -> Result<Landlord> {
        Ok(self.conn.query_row(
            "SELECT code, name, street, postcode, city, phone, siret, caf_code, creditor_id, iban, bic FROM landlord WHERE id = ?1",
            [session.landlord_id],
            |r| {
                Ok(Landlord {
                    code: r.get(0)?,
                    name: r.get(1)?,
                    street: r.get(2)?,
                    postcode: r.get(3)?,
                    city: r.get(4)?,
                    phone: r.get(5)?,
                    siret: r.get(6)?,
                    caf_code: r.get(7)?,
                    creditor_id: r.get(8)?,
                    iban: r.get(9)?,
                    bic: r.get(10)?,
                })
            },
        )?)
    }
}
