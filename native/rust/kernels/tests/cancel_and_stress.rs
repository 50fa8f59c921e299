//! Cancellation stops early; many concurrent jobs with random cancels stay correct (race-prone
//! stress test that replaces a sanitizer run when nightly -Zsanitizer is not used).
mod common;
use common::*;
use multicore_kernels::{count_primes, monte_carlo_pi, pool, sort, sum_squares, Control, RunError};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

#[test]
fn cancel_flag_set_before_start_runs_nothing() {
    let b = block();
    b[0].store(1, Ordering::SeqCst);
    let ctl = Control::new(Some(&b), None);
    let r = monte_carlo_pi::monte_carlo_pi(1 << 40, 0, 3, &ctl);
    assert_eq!(r, Err(RunError::Cancelled));
    assert_eq!(b[1].load(Ordering::SeqCst), 0);
    assert_eq!(b[2].load(Ordering::SeqCst), (1 << 20));
}

#[test]
fn cancel_mid_run_stops_early() {
    let b = Arc::new(block());
    let b2 = Arc::clone(&b);
    let canceller = std::thread::spawn(move || {
        while b2[1].load(Ordering::SeqCst) < 3 {
            std::thread::yield_now();
        }
        b2[0].store(1, Ordering::SeqCst);
    });
    let ctl = Control::new(Some(&b[..]), None);
    let r = monte_carlo_pi::monte_carlo_pi(1 << 40, 0, 3, &ctl); // 2^20 chunks: hours if not stopped
    canceller.join().unwrap();
    assert_eq!(r, Err(RunError::Cancelled));
    let done = b[1].load(Ordering::SeqCst);
    assert!((3..1000).contains(&done), "done={done}");
}

#[test]
fn internal_stop_flag_cancels() {
    let stop = AtomicBool::new(true);
    let ctl = Control::new(None, Some(&stop));
    assert_eq!(count_primes::count_primes(10_000_000, 2, &ctl), Err(RunError::Cancelled));
}

#[test]
fn cancelled_sort_leaves_a_permutation() {
    let x = values(500_000, 11);
    let mut y = x.clone();
    let b = Arc::new(block());
    let b2 = Arc::clone(&b);
    let t = std::thread::spawn(move || {
        while b2[1].load(Ordering::SeqCst) < 20 {
            std::thread::yield_now();
        }
        b2[0].store(1, Ordering::SeqCst);
    });
    let r = sort::sort(&mut y, 2, &Control::new(Some(&b[..]), None));
    t.join().unwrap();
    let mut a: Vec<u64> = x.iter().map(|v| v.to_bits()).collect();
    let mut c: Vec<u64> = y.iter().map(|v| v.to_bits()).collect();
    a.sort_unstable();
    c.sort_unstable();
    assert!(a == c, "values changed (result {r:?})");
}

#[test]
fn many_concurrent_jobs_with_cancellations() {
    let x = Arc::new(values(400_000, 9));
    let want = sum_squares::sum_squares(&x, 1, &Control::none()).unwrap();
    let threads: Vec<_> = (0..16)
        .map(|i| {
            let x = Arc::clone(&x);
            std::thread::spawn(move || {
                for round in 0..20 {
                    let b = block();
                    let cancel = (i + round) % 3 == 0;
                    if cancel {
                        b[0].store(1, Ordering::SeqCst);
                    }
                    let ctl = Control::new(Some(&b), None);
                    let r = sum_squares::sum_squares(&x, 1 + (i + round) % 7, &ctl);
                    if cancel {
                        assert_eq!(r, Err(RunError::Cancelled));
                    } else {
                        assert_eq!(r.unwrap().to_bits(), want.to_bits());
                    }
                }
            })
        })
        .collect();
    // Meanwhile, async-style jobs spawned onto the pool, cancelled at random moments.
    let (tx, rx) = std::sync::mpsc::channel();
    for i in 0..24u64 {
        let tx = tx.clone();
        let b = Arc::new(block());
        let b2 = Arc::clone(&b);
        pool::spawn(move || {
            let r = monte_carlo_pi::monte_carlo_pi(1 << 24, i as u32, 3, &Control::new(Some(&b2[..]), None));
            tx.send((i, r)).unwrap();
        });
        if i % 2 == 0 {
            std::thread::sleep(Duration::from_micros(200 * i));
            b[0].store(1, Ordering::SeqCst);
        }
    }
    drop(tx);
    let results: Vec<_> = rx.iter().collect();
    assert_eq!(results.len(), 24);
    for (i, r) in results {
        if i % 2 == 1 {
            assert!(r.is_ok());
        }
    }
    for t in threads {
        t.join().unwrap();
    }
}
