//! A minimal PDF writer for tests: numbered objects, a correct xref table
//! (or a deliberately broken one) and a trailer. Bodies are raw PDF syntax,
//! so tests can write anything, including what lopdf's writer would refuse.
#![allow(dead_code, clippy::expect_used, clippy::indexing_slicing)]

/// A PDF under construction; object `n` is `objects[n - 1]`.
#[derive(Default)]
pub struct RawPdf {
    objects: Vec<Vec<u8>>,
    pub trailer_extra: String,
}

impl RawPdf {
    pub fn new() -> Self {
        Self::default()
    }

    /// Reserves an object number, filled in later with [`RawPdf::set`].
    pub fn reserve(&mut self) -> u32 {
        self.objects.push(b"null".to_vec());
        self.objects.len() as u32
    }

    pub fn set(&mut self, id: u32, body: impl Into<Vec<u8>>) {
        self.objects[id as usize - 1] = body.into();
    }

    pub fn add(&mut self, body: impl Into<Vec<u8>>) -> u32 {
        self.objects.push(body.into());
        self.objects.len() as u32
    }

    /// Adds a stream object with the given extra dictionary entries.
    pub fn add_stream(&mut self, extra: &str, data: &[u8]) -> u32 {
        self.add(stream(extra, data))
    }

    /// Serialises with `root` as the catalog.
    pub fn finish(&self, root: u32) -> Vec<u8> {
        let mut out = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n".to_vec();
        let mut offsets = Vec::new();
        for (i, body) in self.objects.iter().enumerate() {
            offsets.push(out.len());
            out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
            out.extend_from_slice(body);
            out.extend_from_slice(b"\nendobj\n");
        }
        let xref = out.len();
        out.extend_from_slice(
            format!("xref\n0 {}\n0000000000 65535 f \n", self.objects.len() + 1).as_bytes(),
        );
        for o in offsets {
            out.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
        }
        out.extend_from_slice(
            format!(
                "trailer\n<< /Size {} /Root {root} 0 R {} >>\nstartxref\n{xref}\n%%EOF\n",
                self.objects.len() + 1,
                self.trailer_extra
            )
            .as_bytes(),
        );
        out
    }
}

/// A stream object body.
pub fn stream(extra: &str, data: &[u8]) -> Vec<u8> {
    let mut s = format!("<< /Length {} {extra} >>\nstream\n", data.len()).into_bytes();
    s.extend_from_slice(data);
    s.extend_from_slice(b"\nendstream");
    s
}

/// zlib-compresses `data` (through lopdf's Flate encoder).
pub fn flate(data: Vec<u8>) -> Vec<u8> {
    let mut s = lopdf::Stream::new(lopdf::Dictionary::new(), data);
    s.compress().expect("compress");
    s.content
}

/// A one-page document with Helvetica as /F1 and the given content.
pub fn one_page(content: &[u8]) -> Vec<u8> {
    pages_with(&[content.to_vec()])
}

/// A document with one page per content stream, all sharing /F1 Helvetica.
pub fn pages_with(contents: &[Vec<u8>]) -> Vec<u8> {
    let mut pdf = RawPdf::new();
    let catalog = pdf.reserve();
    let pages = pdf.reserve();
    let font = pdf
        .add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>");
    let mut kids = Vec::new();
    for c in contents {
        let content = pdf.add_stream("", c);
        kids.push(pdf.add(format!(
            "<< /Type /Page /Parent {pages} 0 R /MediaBox [0 0 612 792] /Contents {content} 0 R /Resources << /Font << /F1 {font} 0 R >> >> >>"
        )));
    }
    let kids: Vec<String> = kids.iter().map(|k| format!("{k} 0 R")).collect();
    pdf.set(
        pages,
        format!(
            "<< /Type /Pages /Kids [{}] /Count {} >>",
            kids.join(" "),
            contents.len()
        ),
    );
    pdf.set(catalog, format!("<< /Type /Catalog /Pages {pages} 0 R >>"));
    pdf.finish(catalog)
}

/// All words of a document, in order.
pub fn words(doc: &internbudget_layout::Document) -> Vec<String> {
    doc.lines()
        .flat_map(|(_, l)| l.words.iter().map(|w| w.text.clone()))
        .collect()
}
