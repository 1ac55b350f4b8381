//! The package's descriptive metadata: title, author and subject from
//! `docProps/core.xml`, the producing application from `docProps/app.xml`.
//! Metadata is optional: a part that is missing, too large or unreadable
//! gives no metadata rather than an error.

use crate::Limits;
use crate::package::Package;
use internbudget_layout::{Deadline, Meta};
use quick_xml::Reader;
use quick_xml::events::Event;

/// The largest metadata part read.
const MAX_META_BYTES: u64 = 1024 * 1024;

/// Reads what metadata the package has.
pub(crate) fn read(package: &mut Package<'_>, limits: &Limits, deadline: &Deadline) -> Meta {
    let small = Limits {
        max_part_bytes: MAX_META_BYTES.min(limits.max_part_bytes),
        ..limits.clone()
    };
    let mut meta = Meta::default();
    if let Ok(Some(xml)) = package.part("docProps/core.xml", &small, deadline) {
        meta.title = element_text(&xml, "title");
        meta.author = element_text(&xml, "creator");
        meta.subject = element_text(&xml, "subject");
    }
    if let Ok(Some(xml)) = package.part("docProps/app.xml", &small, deadline) {
        meta.producer = element_text(&xml, "Application");
    }
    meta
}

/// The text of the first element with this local name, trimmed; `None`
/// when absent, empty, or the XML cannot be read (or declares a DTD).
fn element_text(xml: &[u8], local: &str) -> Option<String> {
    let text = std::str::from_utf8(xml.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(xml)).ok()?;
    let mut reader = Reader::from_str(text);
    let mut inside = false;
    let mut out = String::new();
    loop {
        match reader.read_event().ok()? {
            Event::Start(e) if e.name().local_name().as_ref() == local => inside = true,
            Event::End(e) if inside && e.name().local_name().as_ref() == local => break,
            Event::Text(t) if inside => out.push_str(&t.xml10_content()),
            Event::GeneralRef(r) if inside => {
                let c = match r.resolve_char_ref().ok()? {
                    Some(c) => c.to_string(),
                    None => quick_xml::escape::resolve_predefined_entity(&r)?.to_string(),
                };
                out.push_str(&c);
            }
            Event::DocType(_) | Event::Eof => return None,
            _ => {}
        }
        if out.len() > 4096 {
            break;
        }
    }
    let out = out.split_whitespace().collect::<Vec<_>>().join(" ");
    (!out.is_empty()).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_dublin_core_elements() {
        let xml = br#"<?xml version="1.0"?><cp:coreProperties xmlns:cp="x" xmlns:dc="y"><dc:title>Internbudget &amp; plan</dc:title><dc:creator> A  B </dc:creator></cp:coreProperties>"#;
        assert_eq!(
            element_text(xml, "title").as_deref(),
            Some("Internbudget & plan")
        );
        assert_eq!(element_text(xml, "creator").as_deref(), Some("A B"));
        assert_eq!(element_text(xml, "subject"), None);
        assert_eq!(
            element_text(b"<!DOCTYPE x []><title>a</title>", "title"),
            None
        );
    }
}
