//! The document's shared state while its pages are interpreted: the
//! resources every page reaches (fonts, loaded once per font dictionary;
//! decoded form XObjects, kept up to a byte budget), the limits and the
//! time budget; and readers of page attributes (`rect_of`, `rotate_of`).
//! The main type is [`DocCtx`].

use super::PageOut;
use crate::error::PdfError;
use crate::font::{Font, FontLimits};
use crate::limits::{Budget, Limits};
use crate::objects::{get_array, get_dict, get_num, nums, stream_data};
use internbudget_layout::Limit;
use lopdf::{Dictionary, Document, Object, ObjectId};
use std::collections::HashMap;
use std::rc::Rc;

/// Decoded form XObjects kept across pages, in bytes.
const FORM_CACHE_BYTES: usize = 64 << 20;

/// What identifies a font: its object, an inline dictionary's address, or
/// none (a missing font, read with the fallback).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum FontKey {
    Id(ObjectId),
    Inline(usize),
    Missing,
}

/// Most `(resources, name)` pairs remembered by [`DocCtx::font`]; a page
/// selects a handful of fonts by name thousands of times.
const FONT_NAMES: usize = 32;

/// A font selected by name in a resource dictionary, remembered.
struct NamedFont {
    /// The resource dictionary's address (0: none).
    resources: usize,
    name: Box<[u8]>,
    font: (u32, Rc<Font>),
}

/// State shared by all pages of one document: caches and limits.
pub(crate) struct DocCtx<'a> {
    pub doc: &'a Document,
    pub limits: &'a Limits,
    pub budget: Budget,
    fonts: HashMap<FontKey, (u32, Rc<Font>)>,
    /// The last fonts looked up by name, most recent last.
    named: Vec<NamedFont>,
    /// The glyph and text buffers of the last page, emptied, for the next.
    spare_out: PageOut,
    forms: HashMap<ObjectId, Rc<[u8]>>,
    form_bytes: usize,
}

impl<'a> DocCtx<'a> {
    /// A context for reading `doc`.
    pub fn new(doc: &'a Document, limits: &'a Limits, budget: Budget) -> Self {
        DocCtx {
            doc,
            limits,
            budget,
            fonts: HashMap::new(),
            named: Vec::new(),
            spare_out: PageOut::default(),
            forms: HashMap::new(),
            form_bytes: 0,
        }
    }

    fn font_limits(&self) -> FontLimits {
        FontLimits {
            max_stream_bytes: self.limits.max_stream_bytes,
            max_depth: self.limits.max_nesting_depth,
        }
    }

    /// Empty buffers for a page's glyphs and text: the last page's,
    /// grown to its size.
    pub(super) fn page_buffers(&mut self) -> PageOut {
        std::mem::take(&mut self.spare_out)
    }

    /// Takes back what a page drew, once its words are built, to draw the
    /// next page into.
    pub(crate) fn recycle(&mut self, mut out: PageOut) {
        out.glyphs.clear();
        out.text.clear();
        out.rulings.clear();
        self.spare_out = out;
    }

    /// The font named `name` in `resources` (the fallback font when there
    /// is none), loaded on first use. Resource dictionaries live as long as
    /// the document and are never changed, so a dictionary's address and
    /// the name identify the font.
    pub(super) fn font(
        &mut self,
        resources: Option<&'a Dictionary>,
        name: &[u8],
    ) -> (u32, Rc<Font>) {
        let address = resources.map_or(0, |r| std::ptr::from_ref(r) as usize);
        if let Some(hit) = self
            .named
            .iter()
            .rev()
            .find(|n| n.resources == address && *n.name == *name)
        {
            return hit.font.clone();
        }
        let font = self.load_font(resources, name);
        if self.named.len() >= FONT_NAMES {
            self.named.remove(0);
        }
        self.named.push(NamedFont {
            resources: address,
            name: name.into(),
            font: font.clone(),
        });
        font
    }

    /// [`DocCtx::font`] without the names remembered: by the font's object.
    fn load_font(&mut self, resources: Option<&Dictionary>, name: &[u8]) -> (u32, Rc<Font>) {
        let doc = self.doc;
        let entry = resources
            .and_then(|r| get_dict(doc, r, b"Font"))
            .and_then(|fonts| fonts.get(name).ok());
        let (key, dict) = match entry {
            Some(Object::Reference(id)) => match doc.get_object(*id) {
                Ok(Object::Dictionary(d)) => (FontKey::Id(*id), Some(d)),
                _ => (FontKey::Missing, None),
            },
            Some(Object::Dictionary(d)) => {
                (FontKey::Inline(std::ptr::from_ref(d) as usize), Some(d))
            }
            _ => (FontKey::Missing, None),
        };
        if let Some(f) = self.fonts.get(&key) {
            return f.clone();
        }
        let font = match dict {
            Some(d) => Font::load(doc, d, self.font_limits()),
            None => Font::fallback(),
        };
        let id = u32::try_from(self.fonts.len()).unwrap_or(u32::MAX);
        let entry = (id, Rc::new(font));
        self.fonts.insert(key, entry.clone());
        entry
    }

    pub(super) fn form_data(
        &mut self,
        id: ObjectId,
        s: &lopdf::Stream,
        page: u32,
    ) -> Result<Rc<[u8]>, PdfError> {
        if let Some(d) = self.forms.get(&id) {
            return Ok(d.clone());
        }
        let data: Rc<[u8]> = stream_data(s, self.limits.max_stream_bytes)
            .map_err(|_| too_large_stream(self.limits, page))?
            .into();
        if self.form_bytes + data.len() <= FORM_CACHE_BYTES {
            self.form_bytes += data.len();
            self.forms.insert(id, data.clone());
        }
        Ok(data)
    }
}

/// The error of a stream that decodes to more than the limit.
pub(crate) fn too_large_stream(limits: &Limits, page: u32) -> PdfError {
    PdfError::TooLarge {
        what: Limit::StreamBytes,
        limit: limits.max_stream_bytes as u64,
        page: Some(page),
    }
}

/// The `/MediaBox`-like rectangle at `key` as `[x0, y0, x1, y1]`, normalised.
pub(crate) fn rect_of(doc: &Document, d: &Dictionary, key: &[u8]) -> Option<[f32; 4]> {
    let v = nums(doc, get_array(doc, d, key)?);
    match v.as_slice() {
        [a, b, c, e] => {
            let r = [a.min(*c), b.min(*e), a.max(*c), b.max(*e)];
            (r[2] - r[0] > 0.0 && r[3] - r[1] > 0.0).then_some(r)
        }
        _ => None,
    }
}

/// The `/Rotate` number at `key`, when present.
pub(crate) fn rotate_of(doc: &Document, d: &Dictionary) -> Option<i32> {
    get_num(doc, d, b"Rotate").map(|r| (r as i32).rem_euclid(360) / 90 * 90)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::limits::Budget;
    use internbudget_layout::Deadline;
    use lopdf::dictionary;

    #[test]
    fn page_boxes_are_normalised_and_rotation_is_a_quarter_turn() {
        let doc = Document::new();
        let d = dictionary! {
            "MediaBox" => vec![612.into(), 792.into(), 0.into(), 0.into()],
            "CropBox" => vec![0.into(), 0.into(), 0.into(), 10.into()],
            "Rotate" => -90,
        };
        assert_eq!(
            rect_of(&doc, &d, b"MediaBox"),
            Some([0.0, 0.0, 612.0, 792.0])
        );
        assert_eq!(rect_of(&doc, &d, b"CropBox"), None); // no area
        assert_eq!(rotate_of(&doc, &d), Some(270));
    }

    #[test]
    fn fonts_load_once_and_missing_fonts_fall_back() {
        let doc = Document::new();
        let limits = Limits::default();
        let mut ctx = DocCtx::new(&doc, &limits, Budget::until(Deadline::never()));
        let res = dictionary! {
            "Font" => dictionary! {
                "F1" => dictionary! { "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Courier" },
            },
        };
        let (a, fa) = ctx.font(Some(&res), b"F1");
        let (b, fb) = ctx.font(Some(&res), b"F1");
        assert_eq!(a, b);
        assert!(Rc::ptr_eq(&fa, &fb));
        assert!((fa.width(u32::from(b'x')) - 0.6).abs() < 1e-6); // Courier
        let (c, fc) = ctx.font(Some(&res), b"F9");
        assert_ne!(a, c);
        assert!((fc.width(u32::from(b'x')) - 0.5).abs() < 1e-6); // Helvetica
    }
}
