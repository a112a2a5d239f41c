"""The cache: the validated catalogue and its generated files kept between builds
(`generator_cache`), written so a reader never sees a half-written file (`files`)."""
