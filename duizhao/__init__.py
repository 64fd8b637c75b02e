"""duizhao (对照): a static-site generator for a bilingual Chinese news reader."""
