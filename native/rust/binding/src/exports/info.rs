use napi_derive::napi;

#[napi(object)]
pub struct Info {
    /// SIMD features detected at run time on this CPU.
    pub simd: Vec<String>,
    pub version: String,
    pub compiler: String,
    pub pool_threads: u32,
}

/// info() → { simd, version, compiler, poolThreads }
#[napi(catch_unwind)]
pub fn info() -> Info {
    Info {
        simd: multicore_kernels::simd::detected_features().into_iter().map(String::from).collect(),
        version: env!("CARGO_PKG_VERSION").to_string(),
        compiler: env!("MULTICORE_RUSTC_VERSION").to_string(),
        pool_threads: multicore_kernels::pool::pool_threads() as u32,
    }
}
