//! One stable sort for the whole crate, for size: the standard library's sort is compiled anew for
//! every element type and comparator (≈ 4 KB of wasm each, 58 KB in all before this module). Here a
//! short insertion sort runs small slices in place, and longer ones sort a permutation of indices
//! through a single compiled instance of the standard sort, then move the elements once. Same
//! order as `slice::sort_by` (stable), so outputs do not change.

use std::cmp::Ordering;

/// Up to this many elements, insertion sort (a few hundred bytes per element type, and faster
/// than anything else at this size).
const SMALL: usize = 16;

/// `v.sort_by(cmp)`: stable.
pub fn by<T>(v: &mut Vec<T>, mut cmp: impl FnMut(&T, &T) -> Ordering) {
    if v.len() <= SMALL {
        for i in 1..v.len() {
            let mut j = i;
            while j > 0 && cmp(&v[j - 1], &v[j]) == Ordering::Greater {
                v.swap(j - 1, j);
                j -= 1;
            }
        }
        return;
    }
    let order = permutation(v.len(), &mut |a, b| cmp(&v[a], &v[b]));
    let mut slots: Vec<Option<T>> = v.drain(..).map(Some).collect();
    v.extend(order.into_iter().filter_map(|i| slots[i].take()));
}

/// `v.sort_by_key(key)`: stable.
pub fn by_key<T, K: Ord>(v: &mut Vec<T>, mut key: impl FnMut(&T) -> K) {
    by(v, |a, b| key(a).cmp(&key(b)))
}

/// `v.sort()` (stable, so also `sort_unstable` for types where equal means identical).
pub fn ord<T: Ord>(v: &mut Vec<T>) {
    by(v, T::cmp)
}

/// The one instance of the standard library's stable sort.
#[inline(never)]
fn permutation(n: usize, cmp: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| cmp(a, b));
    order
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_order_as_the_standard_stable_sort() {
        for n in [0usize, 1, 2, 15, 16, 17, 100, 1000] {
            // Pairs with many equal keys: stability shows in the second field.
            let v: Vec<(u32, usize)> = (0..n).map(|i| (((i * 7919) % 13) as u32, i)).collect();
            let mut ours = v.clone();
            by(&mut ours, |a, b| a.0.cmp(&b.0));
            let mut std = v.clone();
            std.sort_by_key(|a| a.0);
            assert_eq!(ours, std, "n = {n}");
            let mut ours = v.clone();
            by_key(&mut ours, |x| std::cmp::Reverse(x.0));
            let mut std = v.clone();
            std.sort_by_key(|x| std::cmp::Reverse(x.0));
            assert_eq!(ours, std, "n = {n}");
            let mut ours = v.clone();
            ord(&mut ours);
            let mut std = v;
            std.sort();
            assert_eq!(ours, std, "n = {n}");
        }
    }
}
