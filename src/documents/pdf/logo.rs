//! Logo du bailleur : PNG décodé, aplati sur fond blanc et réduit une fois par rendu.

use printpdf::{ColorBits, ColorSpace, ImageXObject, Px};

use super::PdfError;

/// Plus grand côté du logo, en pixels, après réduction (il est répété sur chaque page).
const LOGO_MAX_PX: u32 = 240;
/// Cadre du logo dans l'en-tête, en mm.
const LOGO_BOX: (f32, f32) = (30.0, 22.0);

pub(super) struct Logo {
    pub(super) width: u32,
    pub(super) height: u32,
    /// RVB 8 bits, transparence aplatie sur fond blanc.
    rgb: Vec<u8>,
}

impl Logo {
    /// Logo prêt à imprimer : PNG lu, aplati sur fond blanc, réduit.
    pub(super) fn decode(png_bytes: &[u8]) -> Result<Logo, PdfError> {
        let (pixels, info) = read_png(png_bytes)?;
        let channels = channels(info.color_type)?;
        if info.bit_depth != png::BitDepth::Eight {
            return Err(PdfError::Logo("profondeur de couleur non gérée".into()));
        }
        let (width, height) = (info.width as usize, info.height as usize);
        if width == 0 || height == 0 {
            return Err(PdfError::Logo("image vide".into()));
        }
        let rgb = flatten_on_white(&pixels, info.line_size, channels, width, height);
        Ok(Logo::downscale(width as u32, height as u32, rgb))
    }

    /// Réduction par moyenne de blocs entiers jusqu'à `LOGO_MAX_PX`.
    fn downscale(width: u32, height: u32, rgb: Vec<u8>) -> Logo {
        let factor = width.max(height).div_ceil(LOGO_MAX_PX);
        if factor <= 1 {
            return Logo { width, height, rgb };
        }
        let (w, h) = ((width / factor).max(1), (height / factor).max(1));
        let mut out = Vec::with_capacity((w * h * 3) as usize);
        for y in 0..h {
            for x in 0..w {
                let mut sum = [0u32; 3];
                let mut count = 0u32;
                for sy in y * factor..((y + 1) * factor).min(height) {
                    for sx in x * factor..((x + 1) * factor).min(width) {
                        let i = ((sy * width + sx) * 3) as usize;
                        for (s, v) in sum.iter_mut().zip(&rgb[i..i + 3]) {
                            *s += u32::from(*v);
                        }
                        count += 1;
                    }
                }
                out.extend(sum.iter().map(|s| (s / count.max(1)) as u8));
            }
        }
        Logo {
            width: w,
            height: h,
            rgb: out,
        }
    }

    /// Taille imprimée (mm), dans le cadre du logo, proportions gardées.
    pub(super) fn box_mm(&self) -> (f32, f32) {
        let (bw, bh) = LOGO_BOX;
        let scale = (bw / self.width as f32).min(bh / self.height as f32);
        (self.width as f32 * scale, self.height as f32 * scale)
    }

    pub(super) fn xobject(&self) -> ImageXObject {
        ImageXObject {
            width: Px(self.width as usize),
            height: Px(self.height as usize),
            color_space: ColorSpace::Rgb,
            bits_per_component: ColorBits::Bit8,
            interpolate: true,
            image_data: self.rgb.clone(),
            image_filter: None,
            smask: None,
            clipping_bbox: None,
        }
    }
}

/// Première image du PNG, palette développée et 16 bits ramenés à 8 ; la taille décodée
/// est bornée pour qu'un fichier piégé n'épuise pas la mémoire.
fn read_png(png_bytes: &[u8]) -> Result<(Vec<u8>, png::OutputInfo), PdfError> {
    let err = |e: png::DecodingError| PdfError::Logo(e.to_string());
    let mut decoder = png::Decoder::new_with_limits(
        std::io::Cursor::new(png_bytes),
        png::Limits {
            bytes: 64 * 1024 * 1024,
        },
    );
    decoder.set_transformations(png::Transformations::EXPAND | png::Transformations::STRIP_16);
    let mut reader = decoder.read_info().map_err(err)?;
    let size = reader
        .output_buffer_size()
        .ok_or_else(|| PdfError::Logo("image trop grande".into()))?;
    let mut buffer = vec![0; size];
    let info = reader.next_frame(&mut buffer).map_err(err)?;
    Ok((buffer, info))
}

/// Octets par pixel une fois le PNG développé.
fn channels(color_type: png::ColorType) -> Result<usize, PdfError> {
    match color_type {
        png::ColorType::Grayscale => Ok(1),
        png::ColorType::GrayscaleAlpha => Ok(2),
        png::ColorType::Rgb => Ok(3),
        png::ColorType::Rgba => Ok(4),
        png::ColorType::Indexed => Err(PdfError::Logo("palette non développée".into())),
    }
}

/// Pixels en RVB 8 bits, la transparence mélangée au blanc du papier.
fn flatten_on_white(
    pixels: &[u8],
    line_size: usize,
    channels: usize,
    width: usize,
    height: usize,
) -> Vec<u8> {
    let mut rgb = Vec::with_capacity(width * height * 3);
    for row in pixels.chunks(line_size).take(height) {
        for px in row.chunks_exact(channels).take(width) {
            let (r, g, b, a) = match *px {
                [v] => (v, v, v, 255),
                [v, a] => (v, v, v, a),
                [r, g, b] => (r, g, b, 255),
                [r, g, b, a, ..] => (r, g, b, a),
                _ => (255, 255, 255, 0),
            };
            let over_white =
                |c: u8| ((u32::from(c) * u32::from(a) + 255 * (255 - u32::from(a))) / 255) as u8;
            rgb.extend_from_slice(&[over_white(r), over_white(g), over_white(b)]);
        }
    }
    rgb
}
