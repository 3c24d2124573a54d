//! Réduction des polices TrueType aux glyphes employés.

use std::collections::HashMap;

use super::fonts::GlyphSet;

/// Police TrueType réduite aux glyphes employés, sans renumérotation : les contours des
/// glyphes inutilisés sont vidés (table `glyf` et `loca` réécrites, composants des glyphes
/// composés gardés), les tables de mise en forme (GSUB, GPOS, kern…) retirées. Les tables
/// `cmap` et `hmtx` restent entières : printpdf en tire la table ToUnicode et les largeurs,
/// identiques à celles de la police complète. DejaVu Sans passe ainsi de 760 Ko à
/// quelques dizaines de Ko par document.
pub(super) fn subset_truetype(font: &[u8], used: &GlyphSet) -> Result<Vec<u8>, String> {
    let be16 = |at: usize| -> Result<u16, String> {
        font.get(at..at + 2)
            .map(|b| u16::from_be_bytes([b[0], b[1]]))
            .ok_or_else(|| "police tronquée".to_string())
    };
    let be32 = |at: usize| -> Result<u32, String> {
        font.get(at..at + 4)
            .map(|b| u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
            .ok_or_else(|| "police tronquée".to_string())
    };
    let table_count = usize::from(be16(4)?);
    let mut tables: HashMap<[u8; 4], &[u8]> = HashMap::new();
    let mut order = Vec::new();
    for i in 0..table_count {
        let record = 12 + 16 * i;
        let tag: [u8; 4] = font
            .get(record..record + 4)
            .and_then(|t| t.try_into().ok())
            .ok_or("répertoire des tables tronqué")?;
        let offset = be32(record + 8)? as usize;
        let length = be32(record + 12)? as usize;
        let data = font
            .get(offset..offset + length)
            .ok_or("table hors du fichier")?;
        tables.insert(tag, data);
        order.push(tag);
    }
    let table = |tag: &[u8; 4]| {
        tables
            .get(tag)
            .copied()
            .ok_or_else(|| format!("table {} absente", String::from_utf8_lossy(tag)))
    };
    let head = table(b"head")?;
    if head.len() < 54 {
        return Err("table head tronquée".into());
    }
    let maxp = table(b"maxp")?;
    let loca = table(b"loca")?;
    let glyf = table(b"glyf")?;
    let long_loca = head.get(50..52).ok_or("table head tronquée")? != [0, 0];
    let glyph_count = usize::from(u16::from_be_bytes(
        maxp.get(4..6)
            .and_then(|b| b.try_into().ok())
            .ok_or("table maxp tronquée")?,
    ));
    let offset_of = |glyph: usize| -> Option<usize> {
        if long_loca {
            loca.get(glyph * 4..glyph * 4 + 4)
                .map(|b| u32::from_be_bytes([b[0], b[1], b[2], b[3]]) as usize)
        } else {
            loca.get(glyph * 2..glyph * 2 + 2)
                .map(|b| usize::from(u16::from_be_bytes([b[0], b[1]])) * 2)
        }
    };
    let outline = |glyph: usize| -> Option<&[u8]> {
        let (start, end) = (offset_of(glyph)?, offset_of(glyph + 1)?);
        glyf.get(start..end)
    };

    // Glyphes gardés : .notdef, ceux employés et, récursivement, les composants.
    let mut keep = vec![false; glyph_count];
    let mut stack: Vec<usize> = (0..glyph_count)
        .filter(|&g| g == 0 || used.contains(g as u16))
        .collect();
    while let Some(glyph) = stack.pop() {
        if glyph >= glyph_count || keep[glyph] {
            continue;
        }
        keep[glyph] = true;
        let Some(data) = outline(glyph) else { continue };
        if data.len() < 10 || i16::from_be_bytes([data[0], data[1]]) >= 0 {
            continue;
        }
        // Glyphe composé : flags, index du composant, arguments, transformation.
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

    let mut new_glyf = Vec::new();
    let mut new_loca = Vec::with_capacity((glyph_count + 1) * 4);
    for (glyph, &kept) in keep.iter().enumerate() {
        new_loca.extend_from_slice(&(new_glyf.len() as u32).to_be_bytes());
        if kept {
            new_glyf.extend_from_slice(outline(glyph).ok_or("table loca incohérente")?);
            while new_glyf.len() % 4 != 0 {
                new_glyf.push(0);
            }
        }
    }
    new_loca.extend_from_slice(&(new_glyf.len() as u32).to_be_bytes());
    let mut new_head = head.to_vec();
    new_head[8..12].copy_from_slice(&[0; 4]); // checkSumAdjustment, recalculé plus bas
    new_head[50..52].copy_from_slice(&1u16.to_be_bytes()); // loca au format long
                                                           // post version 3 : sans noms de glyphes.
    let mut new_post = table(b"post")?
        .get(..32)
        .ok_or("table post tronquée")?
        .to_vec();
    new_post[0..4].copy_from_slice(&0x0003_0000u32.to_be_bytes());

    const KEPT: [&[u8; 4]; 12] = [
        b"OS/2", b"cmap", b"cvt ", b"fpgm", b"glyf", b"head", b"hhea", b"hmtx", b"loca", b"maxp",
        b"post", b"prep",
    ];
    let mut out_tables: Vec<([u8; 4], Vec<u8>)> = Vec::new();
    for tag in order.iter().filter(|t| KEPT.contains(t)) {
        let data = match tag {
            b"glyf" => std::mem::take(&mut new_glyf),
            b"loca" => std::mem::take(&mut new_loca),
            b"head" => std::mem::take(&mut new_head),
            b"post" => std::mem::take(&mut new_post),
            _ => table(tag)?.to_vec(),
        };
        out_tables.push((*tag, data));
    }
    out_tables.sort_by_key(|t| t.0);

    let count = out_tables.len() as u16;
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
    let mut offset = 12 + 16 * out_tables.len();
    let mut head_offset = 0;
    for (tag, data) in &out_tables {
        out.extend_from_slice(tag);
        out.extend_from_slice(&checksum(data).to_be_bytes());
        out.extend_from_slice(&(offset as u32).to_be_bytes());
        out.extend_from_slice(&(data.len() as u32).to_be_bytes());
        if tag == b"head" {
            head_offset = offset;
        }
        offset += data.len().div_ceil(4) * 4;
    }
    for (_, data) in &out_tables {
        out.extend_from_slice(data);
        while out.len() % 4 != 0 {
            out.push(0);
        }
    }
    let adjustment = 0xB1B0_AFBAu32.wrapping_sub(checksum(&out));
    out[head_offset + 8..head_offset + 12].copy_from_slice(&adjustment.to_be_bytes());
    Ok(out)
}

fn checksum(data: &[u8]) -> u32 {
    data.chunks(4).fold(0u32, |sum, chunk| {
        let mut word = [0u8; 4];
        word[..chunk.len()].copy_from_slice(chunk);
        sum.wrapping_add(u32::from_be_bytes(word))
    })
}
