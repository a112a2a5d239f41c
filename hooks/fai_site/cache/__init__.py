"""The cache: the validated catalogue and its generated files kept between builds (`generator_cache`)."""
