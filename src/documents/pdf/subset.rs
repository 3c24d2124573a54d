//! Réduction des polices TrueType aux glyphes employés.

use std::collections::HashMap;

use super::fonts::GlyphSet;

/// Tables gardées : celles dont un lecteur PDF a besoin pour dessiner les glyphes.
const KEPT: [&[u8; 4]; 12] = [
    b"OS/2", b"cmap", b"cvt ", b"fpgm", b"glyf", b"head", b"hhea", b"hmtx", b"loca", b"maxp",
    b"post", b"prep",
];

/// Police TrueType réduite aux glyphes employés, sans renumérotation : les contours des
/// glyphes inutilisés sont vidés (table `glyf` et `loca` réécrites, composants des glyphes
/// composés gardés), les tables de mise en forme (GSUB, GPOS, kern…) retirées. Les tables
/// `cmap` et `hmtx` restent entières : printpdf en tire la table ToUnicode et les largeurs,
/// identiques à celles de la police complète. DejaVu Sans passe ainsi de 760 Ko à
/// quelques dizaines de Ko par document.
pub(super) fn subset_truetype(font: &[u8], used: &GlyphSet) -> Result<Vec<u8>, String> {
    let source = SourceFont::parse(font)?;
    let outlines = Outlines::read(&source)?;
    let keep = kept_glyphs(&outlines, used);
    let (glyf, loca) = rebuild_outlines(&outlines, &keep)?;
    let rewritten = HashMap::from([
        (*b"glyf", glyf),
        (*b"loca", loca),
        (*b"head", head_for_long_loca(source.table(b"head")?)?),
        (*b"post", post_without_names(source.table(b"post")?)?),
    ]);
    let tables = output_tables(&source, rewritten)?;
    Ok(assemble(&tables))
}

fn be16(data: &[u8], at: usize) -> Result<u16, String> {
    data.get(at..at + 2)
        .map(|b| u16::from_be_bytes([b[0], b[1]]))
        .ok_or_else(|| "police tronquée".to_string())
}

fn be32(data: &[u8], at: usize) -> Result<u32, String> {
    data.get(at..at + 4)
        .map(|b| u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
        .ok_or_else(|| "police tronquée".to_string())
}

/// Tables de la police d'origine ; `order` garde l'ordre du répertoire.
struct SourceFont<'f> {
    tables: HashMap<[u8; 4], &'f [u8]>,
    order: Vec<[u8; 4]>,
}

impl<'f> SourceFont<'f> {
    /// Lit le répertoire des tables ; une entrée qui sort du fichier est une erreur.
    fn parse(font: &'f [u8]) -> Result<Self, String> {
        let table_count = usize::from(be16(font, 4)?);
        let mut tables = HashMap::new();
        let mut order = Vec::new();
        for i in 0..table_count {
            let record = 12 + 16 * i;
            let tag: [u8; 4] = font
                .get(record..record + 4)
                .and_then(|t| t.try_into().ok())
                .ok_or("répertoire des tables tronqué")?;
            let offset = be32(font, record + 8)? as usize;
            let length = be32(font, record + 12)? as usize;
            let data = font
                .get(offset..offset + length)
                .ok_or("table hors du fichier")?;
            tables.insert(tag, data);
            order.push(tag);
        }
        Ok(SourceFont { tables, order })
    }

    fn table(&self, tag: &[u8; 4]) -> Result<&'f [u8], String> {
        self.tables
            .get(tag)
            .copied()
            .ok_or_else(|| format!("table {} absente", String::from_utf8_lossy(tag)))
    }
}

/// Contours des glyphes de la police d'origine (tables `glyf` et `loca`).
struct Outlines<'f> {
    loca: &'f [u8],
    glyf: &'f [u8],
    /// `loca` au format long (décalages sur 32 bits) plutôt que court (16 bits, / 2).
    long_loca: bool,
    glyph_count: usize,
}

impl<'f> Outlines<'f> {
    fn read(source: &SourceFont<'f>) -> Result<Self, String> {
        let head = source.table(b"head")?;
        let maxp = source.table(b"maxp")?;
        let loca = source.table(b"loca")?;
        let glyf = source.table(b"glyf")?;
        let long_loca = head.get(50..52).ok_or("table head tronquée")? != [0, 0];
        let glyph_count = usize::from(u16::from_be_bytes(
            maxp.get(4..6)
                .and_then(|b| b.try_into().ok())
                .ok_or("table maxp tronquée")?,
        ));
        Ok(Outlines {
            loca,
            glyf,
            long_loca,
            glyph_count,
        })
    }

    fn offset_of(&self, glyph: usize) -> Option<usize> {
        if self.long_loca {
            self.loca
                .get(glyph * 4..glyph * 4 + 4)
                .map(|b| u32::from_be_bytes([b[0], b[1], b[2], b[3]]) as usize)
        } else {
            self.loca
                .get(glyph * 2..glyph * 2 + 2)
                .map(|b| usize::from(u16::from_be_bytes([b[0], b[1]])) * 2)
        }
    }

    fn outline(&self, glyph: usize) -> Option<&'f [u8]> {
        let (start, end) = (self.offset_of(glyph)?, self.offset_of(glyph + 1)?);
        self.glyf.get(start..end)
    }
}

/// Glyphes gardés : .notdef, ceux employés et, récursivement, les composants.
fn kept_glyphs(outlines: &Outlines, used: &GlyphSet) -> Vec<bool> {
    let glyph_count = outlines.glyph_count;
    let mut keep = vec![false; glyph_count];
    let mut stack: Vec<usize> = (0..glyph_count)
        .filter(|&g| g == 0 || used.contains(g as u16))
        .collect();
    while let Some(glyph) = stack.pop() {
        if glyph >= glyph_count || keep[glyph] {
            continue;
        }
        keep[glyph] = true;
        if let Some(data) = outlines.outline(glyph) {
            push_components(data, &mut stack);
        }
    }
    keep
}

/// Ajoute à `stack` les composants d'un glyphe composé ; rien pour un glyphe simple.
fn push_components(data: &[u8], stack: &mut Vec<usize>) {
    if data.len() < 10 || i16::from_be_bytes([data[0], data[1]]) >= 0 {
        return;
    }
    // Chaque composant : flags, index du composant, arguments, transformation.
    let mut at = 10;
    while let Some(bytes) = data.get(at..at + 4) {
        let flags = u16::from_be_bytes([bytes[0], bytes[1]]);
        stack.push(usize::from(u16::from_be_bytes([bytes[2], bytes[3]])));
        at += 4 + if flags & 0x0001 != 0 { 4 } else { 2 };
        at += if flags & 0x0008 != 0 {
            2
        } else if flags & 0x0040 != 0 {
            4
        } else if flags & 0x0080 != 0 {
            8
        } else {
            0
        };
        if flags & 0x0020 == 0 {
            break;
        }
    }
}

/// Nouvelles tables `glyf` et `loca` (format long) : les glyphes non gardés restent
/// numérotés mais sans contour.
fn rebuild_outlines(outlines: &Outlines, keep: &[bool]) -> Result<(Vec<u8>, Vec<u8>), String> {
    let mut glyf = Vec::new();
    let mut loca = Vec::with_capacity((outlines.glyph_count + 1) * 4);
    for (glyph, &kept) in keep.iter().enumerate() {
        loca.extend_from_slice(&(glyf.len() as u32).to_be_bytes());
        if kept {
            glyf.extend_from_slice(outlines.outline(glyph).ok_or("table loca incohérente")?);
            pad_to_4(&mut glyf);
        }
    }
    loca.extend_from_slice(&(glyf.len() as u32).to_be_bytes());
    Ok((glyf, loca))
}

/// Table `head` annonçant une `loca` au format long, somme de contrôle remise à zéro
/// (recalculée par [`assemble`]).
fn head_for_long_loca(head: &[u8]) -> Result<Vec<u8>, String> {
    if head.len() < 54 {
        return Err("table head tronquée".into());
    }
    let mut head = head.to_vec();
    head[8..12].copy_from_slice(&[0; 4]); // checkSumAdjustment
    head[50..52].copy_from_slice(&1u16.to_be_bytes()); // indexToLocFormat : long
    Ok(head)
}

/// Table `post` en version 3 : sans noms de glyphes, inutiles dans un PDF.
fn post_without_names(post: &[u8]) -> Result<Vec<u8>, String> {
    let mut post = post.get(..32).ok_or("table post tronquée")?.to_vec();
    post[0..4].copy_from_slice(&0x0003_0000u32.to_be_bytes());
    Ok(post)
}

/// Étiquette et contenu d'une table de la police réduite.
type OutputTable = ([u8; 4], Vec<u8>);

/// Tables de la police réduite, triées par étiquette : celles de [`KEPT`], les
/// réécrites à la place des originales.
fn output_tables(
    source: &SourceFont,
    mut rewritten: HashMap<[u8; 4], Vec<u8>>,
) -> Result<Vec<OutputTable>, String> {
    let mut tables = Vec::new();
    for tag in source.order.iter().filter(|t| KEPT.contains(t)) {
        let data = match rewritten.get_mut(tag) {
            Some(data) => std::mem::take(data),
            None => source.table(tag)?.to_vec(),
        };
        tables.push((*tag, data));
    }
    tables.sort_by_key(|t| t.0);
    Ok(tables)
}

/// Fichier TrueType : en-tête, répertoire, tables alignées sur 4 octets, puis somme de
/// contrôle du fichier inscrite dans `head`.
fn assemble(tables: &[OutputTable]) -> Vec<u8> {
    let mut out = offset_table(tables.len() as u16);
    let mut offset = 12 + 16 * tables.len();
    let mut head_offset = 0;
    for (tag, data) in tables {
        out.extend_from_slice(tag);
        out.extend_from_slice(&checksum(data).to_be_bytes());
        out.extend_from_slice(&(offset as u32).to_be_bytes());
        out.extend_from_slice(&(data.len() as u32).to_be_bytes());
        if tag == b"head" {
            head_offset = offset;
        }
        offset += padded_len(data.len());
    }
    for (_, data) in tables {
        out.extend_from_slice(data);
        pad_to_4(&mut out);
    }
    let adjustment = 0xB1B0_AFBAu32.wrapping_sub(checksum(&out));
    out[head_offset + 8..head_offset + 12].copy_from_slice(&adjustment.to_be_bytes());
    out
}

/// En-tête du fichier : version, nombre de tables et aides à la recherche dichotomique.
fn offset_table(count: u16) -> Vec<u8> {
    let mut power = 1u16;
    let mut log2 = 0u16;
    while power * 2 <= count {
        power *= 2;
        log2 += 1;
    }
    let mut out = Vec::new();
    out.extend_from_slice(&0x0001_0000u32.to_be_bytes());
    out.extend_from_slice(&count.to_be_bytes());
    out.extend_from_slice(&(power * 16).to_be_bytes());
    out.extend_from_slice(&log2.to_be_bytes());
    out.extend_from_slice(&(count * 16 - power * 16).to_be_bytes());
    out
}

/// Les tables commencent sur 4 octets : zéros de remplissage.
fn pad_to_4(data: &mut Vec<u8>) {
    data.resize(padded_len(data.len()), 0);
}

fn padded_len(len: usize) -> usize {
    len.div_ceil(4) * 4
}

fn checksum(data: &[u8]) -> u32 {
    data.chunks(4).fold(0u32, |sum, chunk| {
        let mut word = [0u8; 4];
        word[..chunk.len()].copy_from_slice(chunk);
        sum.wrapping_add(u32::from_be_bytes(word))
    })
}
