//! Écriture du XML `pain.008.001.08` / `pain.008.001.02` à partir de données contrôlées
//! ([`Ready`]). Les deux versions ne diffèrent ici que par l'espace de noms, la balise du
//! BIC (`BICFI` en 08, `BIC` en 02) et la forme de l'adresse du débiteur.

use std::io;

use quick_xml::escape::partial_escape;
use quick_xml::events::{BytesDecl, BytesText, Event};
use quick_xml::Writer;

use super::charset::STREET_MAX;
use super::{Block, Creditor, DebtorAddress, PainVersion, Ready, ReadyDebit, SepaError};

type Xml = Writer<Vec<u8>>;

/// Le document XML complet, indenté de deux espaces.
pub(super) fn write(ready: &Ready, version: PainVersion) -> Result<String, SepaError> {
    let mut xml = Writer::new_with_indent(Vec::new(), b' ', 2);
    write_document(&mut xml, ready, version).map_err(|e| SepaError::Write(e.to_string()))?;
    String::from_utf8(xml.into_inner()).map_err(|e| SepaError::Write(e.to_string()))
}

fn write_document(xml: &mut Xml, ready: &Ready, version: PainVersion) -> io::Result<()> {
    xml.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    xml.create_element("Document")
        .with_attribute(("xmlns", version.namespace()))
        .write_inner_content(|xml| {
            xml.create_element("CstmrDrctDbtInitn")
                .write_inner_content(|xml| {
                    write_group_header(xml, ready)?;
                    for block in &ready.blocks {
                        write_payment_info(xml, &ready.creditor, block, version)?;
                    }
                    Ok(())
                })?;
            Ok(())
        })?;
    Ok(())
}

/// `GrpHdr` : identifiant, date de création, nombre et somme de contrôle du fichier,
/// partie initiatrice (le créancier).
fn write_group_header(xml: &mut Xml, ready: &Ready) -> io::Result<()> {
    xml.create_element("GrpHdr").write_inner_content(|xml| {
        text(xml, "MsgId", &ready.msg_id)?;
        let created = ready.created_at.format("%Y-%m-%dT%H:%M:%S").to_string();
        text(xml, "CreDtTm", &created)?;
        text(xml, "NbOfTxs", &ready.count.to_string())?;
        text(xml, "CtrlSum", &format_cents(ready.total_cents))?;
        xml.create_element("InitgPty")
            .write_inner_content(|xml| text(xml, "Nm", &ready.creditor.name))?;
        Ok(())
    })?;
    Ok(())
}

/// `PmtInf` : un lot (type de séquence, date) avec le créancier et ses prélèvements.
fn write_payment_info(
    xml: &mut Xml,
    creditor: &Creditor,
    block: &Block,
    version: PainVersion,
) -> io::Result<()> {
    xml.create_element("PmtInf").write_inner_content(|xml| {
        text(xml, "PmtInfId", &block.id)?;
        text(xml, "PmtMtd", "DD")?;
        text(xml, "NbOfTxs", &block.debits.len().to_string())?;
        text(xml, "CtrlSum", &format_cents(block.total_cents))?;
        xml.create_element("PmtTpInf").write_inner_content(|xml| {
            code(xml, "SvcLvl", "SEPA")?;
            code(xml, "LclInstrm", "CORE")?;
            text(xml, "SeqTp", block.sequence.code())
        })?;
        text(
            xml,
            "ReqdColltnDt",
            &block.date.format("%Y-%m-%d").to_string(),
        )?;
        xml.create_element("Cdtr")
            .write_inner_content(|xml| text(xml, "Nm", &creditor.name))?;
        account(xml, "CdtrAcct", &creditor.iban)?;
        agent(xml, "CdtrAgt", Some(&creditor.bic), version)?;
        write_scheme_id(xml, &creditor.ics)?;
        for debit in &block.debits {
            write_transaction(xml, debit, version)?;
        }
        Ok(())
    })?;
    Ok(())
}

/// `CdtrSchmeId` : l'identifiant créancier SEPA (ICS), schéma propriétaire « SEPA ».
fn write_scheme_id(xml: &mut Xml, ics: &str) -> io::Result<()> {
    xml.create_element("CdtrSchmeId")
        .write_inner_content(|xml| {
            xml.create_element("Id").write_inner_content(|xml| {
                xml.create_element("PrvtId").write_inner_content(|xml| {
                    xml.create_element("Othr").write_inner_content(|xml| {
                        text(xml, "Id", ics)?;
                        xml.create_element("SchmeNm")
                            .write_inner_content(|xml| text(xml, "Prtry", "SEPA"))?;
                        Ok(())
                    })?;
                    Ok(())
                })?;
                Ok(())
            })?;
            Ok(())
        })?;
    Ok(())
}

/// `DrctDbtTxInf` : un prélèvement.
fn write_transaction(xml: &mut Xml, debit: &ReadyDebit, version: PainVersion) -> io::Result<()> {
    xml.create_element("DrctDbtTxInf")
        .write_inner_content(|xml| {
            xml.create_element("PmtId")
                .write_inner_content(|xml| text(xml, "EndToEndId", &debit.end_to_end_id))?;
            xml.create_element("InstdAmt")
                .with_attribute(("Ccy", "EUR"))
                .write_text_content(BytesText::new(&format_cents(debit.cents)))?;
            xml.create_element("DrctDbtTx").write_inner_content(|xml| {
                xml.create_element("MndtRltdInf")
                    .write_inner_content(|xml| {
                        text(xml, "MndtId", &debit.mandate_id)?;
                        let signed = debit.mandate_signed.format("%Y-%m-%d").to_string();
                        text(xml, "DtOfSgntr", &signed)
                    })?;
                Ok(())
            })?;
            agent(xml, "DbtrAgt", debit.debtor_bic.as_deref(), version)?;
            xml.create_element("Dbtr").write_inner_content(|xml| {
                text(xml, "Nm", &debit.debtor_name)?;
                match &debit.debtor_address {
                    Some(address) => write_address(xml, address, version),
                    None => Ok(()),
                }
            })?;
            account(xml, "DbtrAcct", &debit.debtor_iban)?;
            if !debit.remittance.is_empty() {
                xml.create_element("RmtInf")
                    .write_inner_content(|xml| text(xml, "Ustrd", &debit.remittance))?;
            }
            Ok(())
        })?;
    Ok(())
}

/// `PstlAdr` du débiteur. En 08 : adresse structurée (StrtNm, PstCd, TwnNm, Ctry). En
/// 02 : la forme du guide de l'EPC pour cette version, Ctry puis AdrLine (rue ; code
/// postal et ville).
fn write_address(xml: &mut Xml, address: &DebtorAddress, version: PainVersion) -> io::Result<()> {
    xml.create_element("PstlAdr").write_inner_content(|xml| {
        match version {
            PainVersion::V08 => {
                optional(xml, "StrtNm", address.street.as_deref())?;
                optional(xml, "PstCd", address.postcode.as_deref())?;
                text(xml, "TwnNm", &address.town)?;
                text(xml, "Ctry", &address.country)?;
            }
            PainVersion::V02 => {
                text(xml, "Ctry", &address.country)?;
                optional(xml, "AdrLine", address.street.as_deref())?;
                let mut line = match &address.postcode {
                    Some(postcode) => format!("{postcode} {}", address.town),
                    None => address.town.clone(),
                };
                // ASCII (jeu SEPA) : couper aux octets est sûr.
                line.truncate(STREET_MAX);
                text(xml, "AdrLine", &line)?;
            }
        }
        Ok(())
    })?;
    Ok(())
}

/// Un compte (`CdtrAcct`, `DbtrAcct`) désigné par son IBAN.
fn account(xml: &mut Xml, tag: &str, iban: &str) -> io::Result<()> {
    xml.create_element(tag).write_inner_content(|xml| {
        xml.create_element("Id")
            .write_inner_content(|xml| text(xml, "IBAN", iban))?;
        Ok(())
    })?;
    Ok(())
}

/// Une banque (`CdtrAgt`, `DbtrAgt`) par son BIC (`BICFI` en 08, `BIC` en 02), ou
/// `Othr/Id` = `NOTPROVIDED` quand le BIC n'est pas connu.
fn agent(xml: &mut Xml, tag: &str, bic: Option<&str>, version: PainVersion) -> io::Result<()> {
    let bic_tag = match version {
        PainVersion::V08 => "BICFI",
        PainVersion::V02 => "BIC",
    };
    xml.create_element(tag).write_inner_content(|xml| {
        xml.create_element("FinInstnId")
            .write_inner_content(|xml| match bic {
                Some(bic) => text(xml, bic_tag, bic),
                None => {
                    xml.create_element("Othr")
                        .write_inner_content(|xml| text(xml, "Id", "NOTPROVIDED"))?;
                    Ok(())
                }
            })?;
        Ok(())
    })?;
    Ok(())
}

/// `<tag><Cd>value</Cd></tag>`.
fn code(xml: &mut Xml, tag: &str, value: &str) -> io::Result<()> {
    xml.create_element(tag)
        .write_inner_content(|xml| text(xml, "Cd", value))?;
    Ok(())
}

/// Un élément facultatif, omis s'il est absent.
fn optional(xml: &mut Xml, tag: &str, value: Option<&str>) -> io::Result<()> {
    match value {
        Some(value) => text(xml, tag, value),
        None => Ok(()),
    }
}

/// Un élément texte. Seuls `<`, `>` et `&` sont échappés (l'apostrophe, permise par le
/// jeu SEPA, reste telle quelle plutôt que `&apos;`, pour un fichier lisible).
fn text(xml: &mut Xml, tag: &str, value: &str) -> io::Result<()> {
    xml.create_element(tag)
        .write_text_content(BytesText::from_escaped(partial_escape(value)))?;
    Ok(())
}

/// Un montant en centimes écrit avec un point et deux décimales : 78240 → `782.40`.
fn format_cents(cents: i64) -> String {
    format!("{}.{:02}", cents / 100, cents % 100)
}

#[cfg(test)]
mod tests {
    use super::format_cents;

    #[test]
    fn montants_avec_point_et_deux_decimales() {
        assert_eq!(format_cents(78240), "782.40");
        assert_eq!(format_cents(1), "0.01");
        assert_eq!(format_cents(9000), "90.00");
        assert_eq!(format_cents(99_999_999_999), "999999999.99");
    }
}
