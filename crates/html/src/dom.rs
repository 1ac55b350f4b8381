//! A compact document tree for html5ever's tree builder: an arena of nodes
//! linked by index, keeping of each element only its name and the few
//! attributes the reader uses (spans, hidden, metadata).
//!
//! The sink counts nodes and records how deep elements are put, and says
//! through [`Dom::exceeded`] when either passes its limit; the reader feeds
//! the parser in chunks and stops at the first chunk after that, so a
//! hostile page costs at most one chunk's work beyond the limits. (The
//! tree builder needs a distinct node for every element it creates, so the
//! tree goes on growing until the chunk ends.)

use html5ever::interface::{ElementFlags, NodeOrText, QuirksMode, TreeSink};
use html5ever::tendril::StrTendril;
use html5ever::{Attribute, QualName, local_name, ns};
use std::borrow::Cow;
use std::cell::{Cell, Ref, RefCell};

/// A node's index in the arena.
pub(crate) type Id = usize;

/// The document node.
pub(crate) const DOCUMENT: Id = 0;

/// What a node is.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Kind {
    Document,
    Element,
    Text(String),
    /// Comments, processing instructions, the doctype: no content.
    Other,
}

/// The attributes the reader looks at.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Attrs {
    pub colspan: Option<String>,
    pub rowspan: Option<String>,
    /// `hidden`, or a style with `display: none` / `visibility: hidden`.
    pub hidden: bool,
    /// `name` and `content` of a `meta` element.
    pub meta: Option<(String, String)>,
}

/// A node, linked to its parent and siblings (so that inserting and
/// removing take constant time, whatever the page does).
#[derive(Debug)]
pub(crate) struct Node {
    pub kind: Kind,
    pub name: QualName,
    /// Kept attributes; `None` when the element has none of them.
    pub attrs: Option<Box<Attrs>>,
    pub parent: Option<Id>,
    pub first_child: Option<Id>,
    last_child: Option<Id>,
    prev: Option<Id>,
    pub next: Option<Id>,
    depth: u32,
}

impl Node {
    fn new(kind: Kind, name: QualName, attrs: Option<Box<Attrs>>) -> Self {
        Node {
            kind,
            name,
            attrs,
            parent: None,
            first_child: None,
            last_child: None,
            prev: None,
            next: None,
            depth: 0,
        }
    }
}

/// The tree, and whether building it passed a limit.
#[derive(Debug)]
pub(crate) struct Dom {
    nodes: RefCell<Vec<Node>>,
    max_nodes: usize,
    max_depth: u32,
    exceeded: Cell<Option<Exceeded>>,
}

/// Which limit the tree passed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Exceeded {
    Nodes,
    Depth,
}

fn blank_name() -> QualName {
    QualName::new(None, ns!(), local_name!(""))
}

impl Dom {
    pub fn new(max_nodes: usize, max_depth: u32) -> Self {
        let node = |kind| Node::new(kind, blank_name(), None);
        Dom {
            nodes: RefCell::new(vec![node(Kind::Document)]),
            max_nodes,
            max_depth,
            exceeded: Cell::new(None),
        }
    }

    /// The limit passed while building, if any.
    pub fn exceeded(&self) -> Option<Exceeded> {
        self.exceeded.get()
    }

    /// The finished tree, for reading.
    pub fn nodes(&self) -> Ref<'_, Vec<Node>> {
        self.nodes.borrow()
    }

    fn new_node(&self, kind: Kind, name: QualName, attrs: Option<Box<Attrs>>) -> Id {
        let mut nodes = self.nodes.borrow_mut();
        if nodes.len() >= self.max_nodes && self.exceeded.get().is_none() {
            self.exceeded.set(Some(Exceeded::Nodes));
        }
        nodes.push(Node::new(kind, name, attrs));
        nodes.len() - 1
    }

    /// Makes `child` the last child of `parent`, or the child right before
    /// `before`, detaching it from where it was.
    fn attach(&self, parent: Id, child: Id, before: Option<Id>) {
        if child == DOCUMENT || parent == child {
            return;
        }
        self.detach(child);
        let mut nodes = self.nodes.borrow_mut();
        let depth = nodes.get(parent).map_or(0, |p| p.depth.saturating_add(1));
        if depth > self.max_depth && self.exceeded.get().is_none() {
            self.exceeded.set(Some(Exceeded::Depth));
        }
        let before = before.filter(|b| nodes.get(*b).is_some_and(|n| n.parent == Some(parent)));
        let prev = match before {
            Some(b) => nodes.get(b).and_then(|n| n.prev),
            None => nodes.get(parent).and_then(|p| p.last_child),
        };
        if let Some(c) = nodes.get_mut(child) {
            c.parent = Some(parent);
            c.prev = prev;
            c.next = before;
            c.depth = depth;
        }
        match prev.and_then(|p| nodes.get_mut(p)) {
            Some(p) => p.next = Some(child),
            None => {
                if let Some(p) = nodes.get_mut(parent) {
                    p.first_child = Some(child);
                }
            }
        }
        match before.and_then(|b| nodes.get_mut(b)) {
            Some(b) => b.prev = Some(child),
            None => {
                if let Some(p) = nodes.get_mut(parent) {
                    p.last_child = Some(child);
                }
            }
        }
    }

    fn detach(&self, child: Id) {
        let mut nodes = self.nodes.borrow_mut();
        let Some(c) = nodes.get_mut(child) else {
            return;
        };
        let (Some(parent), prev, next) = (c.parent.take(), c.prev.take(), c.next.take()) else {
            return;
        };
        match prev.and_then(|p| nodes.get_mut(p)) {
            Some(p) => p.next = next,
            None => {
                if let Some(p) = nodes.get_mut(parent) {
                    p.first_child = next;
                }
            }
        }
        match next.and_then(|n| nodes.get_mut(n)) {
            Some(n) => n.prev = prev,
            None => {
                if let Some(p) = nodes.get_mut(parent) {
                    p.last_child = prev;
                }
            }
        }
    }

    /// Appends text as the last child of `parent` or right before `before`,
    /// joining it to a text node right before that position.
    fn text(&self, parent: Id, text: &str, before: Option<Id>) {
        {
            let mut nodes = self.nodes.borrow_mut();
            let prev = match before {
                Some(b) => nodes.get(b).and_then(|n| n.prev),
                None => nodes.get(parent).and_then(|p| p.last_child),
            };
            if let Some(Node {
                kind: Kind::Text(t),
                ..
            }) = prev.and_then(|p| nodes.get_mut(p))
            {
                t.push_str(text);
                return;
            }
        }
        let id = self.new_node(Kind::Text(text.to_string()), blank_name(), None);
        self.attach(parent, id, before);
    }

    /// The children of a node, in order.
    pub fn children(nodes: &[Node], id: Id) -> impl Iterator<Item = Id> + '_ {
        let mut next = nodes.get(id).and_then(|n| n.first_child);
        std::iter::from_fn(move || {
            let cur = next?;
            next = nodes.get(cur).and_then(|n| n.next);
            Some(cur)
        })
    }
}

/// The attributes kept of an element.
fn keep_attrs(name: &QualName, attrs: &[Attribute]) -> Option<Box<Attrs>> {
    let mut out = Attrs::default();
    let mut meta_name = None;
    let mut meta_content = None;
    for a in attrs {
        let v = || a.value.to_string();
        match a.name.local.as_ref() {
            "colspan" => out.colspan = Some(v()),
            "rowspan" => out.rowspan = Some(v()),
            "hidden" => out.hidden = true,
            "style" => {
                let style: String = a
                    .value
                    .chars()
                    .filter(|c| !c.is_whitespace())
                    .flat_map(char::to_lowercase)
                    .collect();
                out.hidden |= style.contains("display:none") || style.contains("visibility:hidden");
            }
            "name" | "property" => meta_name = Some(v().to_lowercase()),
            "content" => meta_content = Some(v()),
            _ => {}
        }
    }
    if name.local == local_name!("meta")
        && let (Some(n), Some(c)) = (meta_name, meta_content)
    {
        out.meta = Some((n, c));
    }
    (out != Attrs::default()).then(|| Box::new(out))
}

impl TreeSink for Dom {
    type Handle = Id;
    type Output = Self;
    type ElemName<'a> = Ref<'a, QualName>;

    fn finish(self) -> Self {
        self
    }

    fn parse_error(&self, _msg: Cow<'static, str>) {}

    fn get_document(&self) -> Id {
        DOCUMENT
    }

    fn elem_name<'a>(&'a self, target: &'a Id) -> Ref<'a, QualName> {
        Ref::map(self.nodes.borrow(), |nodes| match nodes.get(*target) {
            Some(n) => &n.name,
            // Unreachable: handles are indices the sink gave out.
            None => match nodes.first() {
                Some(d) => &d.name,
                None => unreachable_name(),
            },
        })
    }

    fn create_element(&self, name: QualName, attrs: Vec<Attribute>, _flags: ElementFlags) -> Id {
        let kept = keep_attrs(&name, &attrs);
        self.new_node(Kind::Element, name, kept)
    }

    fn create_comment(&self, _text: StrTendril) -> Id {
        self.new_node(Kind::Other, blank_name(), None)
    }

    fn create_pi(&self, _target: StrTendril, _data: StrTendril) -> Id {
        self.new_node(Kind::Other, blank_name(), None)
    }

    fn append(&self, parent: &Id, child: NodeOrText<Id>) {
        match child {
            NodeOrText::AppendNode(n) => self.attach(*parent, n, None),
            NodeOrText::AppendText(t) => self.text(*parent, &t, None),
        }
    }

    fn append_based_on_parent_node(&self, element: &Id, prev_element: &Id, child: NodeOrText<Id>) {
        if self
            .nodes
            .borrow()
            .get(*element)
            .is_some_and(|n| n.parent.is_some())
        {
            self.append_before_sibling(element, child);
        } else {
            self.append(prev_element, child);
        }
    }

    fn append_doctype_to_document(
        &self,
        _name: StrTendril,
        _public: StrTendril,
        _system: StrTendril,
    ) {
    }

    fn get_template_contents(&self, target: &Id) -> Id {
        // Template content is never shown: a detached node receives it.
        let _ = target;
        self.new_node(Kind::Other, blank_name(), None)
    }

    fn same_node(&self, x: &Id, y: &Id) -> bool {
        x == y
    }

    fn set_quirks_mode(&self, _mode: QuirksMode) {}

    fn append_before_sibling(&self, sibling: &Id, new_node: NodeOrText<Id>) {
        let Some(parent) = self.nodes.borrow().get(*sibling).and_then(|n| n.parent) else {
            return;
        };
        match new_node {
            NodeOrText::AppendNode(n) => self.attach(parent, n, Some(*sibling)),
            NodeOrText::AppendText(t) => self.text(parent, &t, Some(*sibling)),
        }
    }

    fn add_attrs_if_missing(&self, target: &Id, attrs: Vec<Attribute>) {
        let mut nodes = self.nodes.borrow_mut();
        if let Some(n) = nodes.get_mut(*target)
            && let Some(more) = keep_attrs(&n.name, &attrs)
        {
            let mine = n.attrs.get_or_insert_with(Box::default);
            mine.colspan = mine.colspan.take().or(more.colspan);
            mine.rowspan = mine.rowspan.take().or(more.rowspan);
            mine.hidden |= more.hidden;
        }
    }

    fn remove_from_parent(&self, target: &Id) {
        self.detach(*target);
    }

    fn reparent_children(&self, node: &Id, new_parent: &Id) {
        let children: Vec<Id> = Dom::children(&self.nodes.borrow(), *node).collect();
        for c in children {
            self.attach(*new_parent, c, None);
        }
    }
}

/// Never called: [`TreeSink::elem_name`] asks for nodes the sink created,
/// and the arena always holds the document node.
fn unreachable_name() -> &'static QualName {
    static NAME: std::sync::OnceLock<QualName> = std::sync::OnceLock::new();
    NAME.get_or_init(blank_name)
}

/// The local name of an element, lowercase (HTML names are).
pub(crate) fn local(n: &Node) -> &str {
    match n.kind {
        Kind::Element => n.name.local.as_ref(),
        _ => "",
    }
}

/// Whether the element is in the HTML namespace (not SVG or MathML).
pub(crate) fn is_html(n: &Node) -> bool {
    n.name.ns == ns!(html)
}
