//! Panics in a worker: caught per file (`catch_unwind`) and reported as that
//! file's error. [`quiet_worker_panics`] installs a panic hook that keeps
//! worker panics off stderr (they are in the manifest instead) and records
//! where they happened; panics elsewhere go to the previous hook.

use std::any::Any;
use std::cell::RefCell;
use std::sync::Once;

/// Prefix of the names of the batch's worker threads.
pub const WORKER_PREFIX: &str = "internbudget-batch-";

thread_local! {
    static LAST: RefCell<Option<String>> = const { RefCell::new(None) };
}

static HOOK: Once = Once::new();

fn in_worker() -> bool {
    std::thread::current()
        .name()
        .is_some_and(|n| n.starts_with(WORKER_PREFIX))
}

/// Installs (once per process) the panic hook described in the module docs.
/// Meant for programs that run batches; a library never calls it.
pub fn quiet_worker_panics() {
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if in_worker() {
                let mut msg = payload_message(info.payload());
                if let Some(loc) = info.location() {
                    msg.push_str(&format!(" (at {}:{})", loc.file(), loc.line()));
                }
                LAST.with(|l| *l.borrow_mut() = Some(msg));
            } else {
                previous(info);
            }
        }));
    });
}

/// The message of a panic payload.
pub fn payload_message(payload: &(dyn Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a panic without a message".to_string())
}

/// The message of a panic just caught on this thread: what the hook
/// recorded, else the payload's.
pub fn caught(payload: &(dyn Any + Send)) -> String {
    LAST.with(|l| l.borrow_mut().take())
        .unwrap_or_else(|| payload_message(payload))
}
