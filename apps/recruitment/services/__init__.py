"""Every write of service A, one function per user action, split by concept."""
