"""Extract people, meetings, dates, places and topics from news articles."""
