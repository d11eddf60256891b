"""Stories and threads: online, time-aware clustering of articles into stories, descriptions,
thread linking, and B-cubed evaluation.

```python
clusterer = StoryClusterer()
clusterer.setup()
clusterer.prime(existing)          # (article, story_id) pairs of stored, still-open stories
clusterer.prime_archive(stored)    # optional: stored Story records, for undated/late articles
result = clusterer(new_articles)   # StageResult[StoryAssignment], one per article
stories = describe_stories(articles_by_story)
threads = link_threads(stories)
precision, recall, f1 = bcubed(predicted, gold)
```
"""

from __future__ import annotations

from newslens.stages import stages
from newslens.stories.cluster import StoryClusterer, sort_key
from newslens.stories.describe import describe_stories
from newslens.stories.evaluate import bcubed, cluster_counts
from newslens.stories.state import story_id_for
from newslens.stories.text import article_date, extract_entities
from newslens.stories.threads import link_threads, thread_id_for

stages.add("stories", StoryClusterer)

__all__ = [
    "StoryClusterer",
    "article_date",
    "bcubed",
    "cluster_counts",
    "describe_stories",
    "extract_entities",
    "link_threads",
    "sort_key",
    "story_id_for",
    "thread_id_for",
]
