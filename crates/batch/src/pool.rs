//! Running the jobs: worker threads take inputs in order and convert them
//! ([`job::process`]); the calling thread receives each outcome as it
//! finishes, records it (journal, progress) and feeds the aggregate outputs
//! in input order, holding back the outcomes that finish early. Memory is
//! bounded by the outcomes in flight. The main function is
//! [`convert_all`]; [`Reporter`] counts finished inputs and tells the
//! observer.

use crate::aggregate::Aggregates;
use crate::inputs::{InputFile, WalkFailure};
use crate::job::{self, Chunk, Ctx, Outcome, failed_entry, failure};
use crate::journal::Journal;
use crate::{BatchError, Counts, Entry, ErrorKind, Observer, Progress};
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Counts finished inputs and reports each to the observer.
pub(crate) struct Reporter<'o> {
    pub counts: Counts,
    /// All inputs of the run.
    pub total: usize,
    observer: &'o mut dyn Observer,
}

impl<'o> Reporter<'o> {
    /// Starts the run of `total` inputs on `jobs` workers (`ignored` files
    /// of walks left alone).
    pub(crate) fn start(
        observer: &'o mut dyn Observer,
        total: usize,
        ignored: usize,
        jobs: usize,
    ) -> Self {
        observer.started(total, jobs);
        Reporter {
            counts: Counts {
                ignored,
                ..Counts::default()
            },
            total,
            observer,
        }
    }

    /// The entries of the directory walks' failures, each reported.
    pub(crate) fn walk_failures(&mut self, failures: &[WalkFailure]) -> Vec<Entry> {
        failures
            .iter()
            .map(|w| {
                let entry = failed_entry(
                    w.name.clone(),
                    Some(failure(ErrorKind::Io, w.message.clone())),
                );
                self.finished(&entry);
                entry
            })
            .collect()
    }

    /// One input is finished.
    pub(crate) fn finished(&mut self, entry: &Entry) {
        self.counts.add(entry.status);
        self.observer.finished(
            entry,
            Progress {
                done: self.counts.total,
                total: self.total,
                failed: self.counts.failed,
            },
        );
    }
}

/// What the calling thread writes as outcomes come in.
pub(crate) struct Sinks<'r, 's> {
    pub journal: Option<&'r mut Journal>,
    pub aggregates: &'r mut Aggregates<'s>,
    /// The output directory (`.` for a stream run), for error messages.
    pub scratch: &'r Path,
}

/// Converts `files` on `jobs` workers of `pool`; returns each file's entry
/// in input order (`None` only if a worker died outside its guard).
pub(crate) fn convert_all(
    ctx: &Ctx<'_>,
    files: &[InputFile],
    (pool, jobs): (&rayon::ThreadPool, usize),
    sinks: &mut Sinks<'_, '_>,
    reporter: &mut Reporter<'_>,
) -> Result<Vec<Option<Entry>>, BatchError> {
    let mut entries: Vec<Option<Entry>> = vec![None; files.len()];
    let next = AtomicUsize::new(0);
    let (tx, rx) = std::sync::mpsc::sync_channel::<Outcome>(jobs * 4);
    let collected: Result<(), BatchError> = std::thread::scope(|s| {
        let rx = rx;
        let next = &next;
        s.spawn(move || {
            pool.scope(|ps| {
                for _ in 0..jobs {
                    let tx = tx.clone();
                    ps.spawn(move |_| {
                        loop {
                            let index = next.fetch_add(1, Ordering::Relaxed);
                            let Some(f) = files.get(index) else { break };
                            let (entry, chunk) = job::process(ctx, f);
                            if tx
                                .send(Outcome {
                                    index,
                                    entry,
                                    chunk,
                                })
                                .is_err()
                            {
                                break;
                            }
                        }
                    });
                }
            });
            drop(tx);
        });
        // Collect on this thread: journal, progress, aggregates in input order.
        let mut pending: BTreeMap<usize, Chunk> = BTreeMap::new();
        let mut next_emit = 0usize;
        for o in rx.iter() {
            if let Some(j) = sinks.journal.as_mut() {
                j.record(&o.entry)?;
            }
            reporter.finished(&o.entry);
            if let Some(slot) = entries.get_mut(o.index) {
                *slot = Some(o.entry);
            }
            pending.insert(o.index, o.chunk);
            while let Some(chunk) = pending.remove(&next_emit) {
                sinks.aggregates.emit(
                    chunk,
                    entries.get_mut(next_emit).and_then(Option::as_mut),
                    sinks.scratch,
                )?;
                next_emit += 1;
            }
        }
        Ok(())
    });
    collected?;
    Ok(entries)
}
