//! A stable sort compiled once: the standard library's `sort_by` is compiled anew for each
//! element type, ~4 KB of WebAssembly each, for lists that here hold tens of items. This
//! merge sort orders indices through a `dyn` comparison, so only the few lines that apply the
//! order are per type. Its answers are `sort_by`'s (checked against it by the tests below).

use std::cmp::Ordering;

/// Sorts `items` by `compare`, keeping the order of equal items (as `slice::sort_by`).
pub(crate) fn sort_by<T>(items: &mut Vec<T>, compare: impl Fn(&T, &T) -> Ordering) {
    let order = {
        let items = &*items;
        permutation(items.len(), &|a, b| match (items.get(a), items.get(b)) {
            (Some(a), Some(b)) => compare(a, b),
            _ => Ordering::Equal,
        })
    };
    let mut slots: Vec<Option<T>> = items.drain(..).map(Some).collect();
    items.extend(
        order
            .iter()
            .filter_map(|&i| slots.get_mut(i).and_then(Option::take)),
    );
}

/// The indices `0..len` in sorted order: a bottom-up merge sort, stable (a tie takes the
/// left run's index first).
fn permutation(len: usize, compare: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut from: Vec<usize> = (0..len).collect();
    let mut to = vec![0; len];
    let mut width = 1;
    while width < len {
        for (run, out) in from.chunks(2 * width).zip(to.chunks_mut(2 * width)) {
            let (left, right) = run.split_at(width.min(run.len()));
            let (mut left, mut right) = (left.iter().peekable(), right.iter().peekable());
            for slot in out {
                let take_left = match (left.peek(), right.peek()) {
                    (Some(&&l), Some(&&r)) => compare(l, r) != Ordering::Greater,
                    (l, _) => l.is_some(),
                };
                let next = if take_left { left.next() } else { right.next() };
                *slot = next.copied().unwrap_or_default();
            }
        }
        std::mem::swap(&mut from, &mut to);
        width *= 2;
    }
    from
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    proptest! {
        #[test]
        fn same_as_std_sort_by(keys in proptest::collection::vec(0u8..6, 0..80)) {
            // Ties carry their position, so stability shows.
            let items: Vec<(u8, usize)> = keys.into_iter().enumerate().map(|(i, k)| (k, i)).collect();
            let mut ours = items.clone();
            sort_by(&mut ours, |a, b| a.0.cmp(&b.0));
            let mut std = items;
            std.sort_by_key(|a| a.0);
            prop_assert_eq!(ours, std);
        }
    }

    #[test]
    fn sorts_owned_items_by_the_closure() {
        let mut items: Vec<String> = ["b", "a", "c", "a"].map(String::from).to_vec();
        sort_by(&mut items, |a, b| b.cmp(a));
        assert_eq!(items, ["c", "b", "a", "a"]);
    }
}
