// Generated from schemas/*.ts by `npm run generate`; do not edit. A test fails when it is out of date.
import type { SchemaTable } from './schema-introspect.js';

export const SCHEMA_TABLE: SchemaTable = {
  "fields": {
    "organisation": [
      {
        "name": "id",
        "kind": "text",
        "required": false
      },
      {
        "name": "type",
        "kind": "text",
        "required": false
      },
      {
        "name": "name",
        "kind": "text",
        "required": true
      },
      {
        "name": "short_name",
        "kind": "text",
        "required": false
      },
      {
        "name": "other_names",
        "kind": "object-list",
        "required": false,
        "item": {
          "name": "other_names",
          "kind": "other",
          "required": true
        },
        "fields": [
          {
            "name": "name",
            "kind": "text",
            "required": true
          },
          {
            "name": "lang",
            "kind": "text",
            "required": true
          }
        ]
      },
      {
        "name": "kind",
        "kind": "enum",
        "required": true,
        "values": [
          "government",
          "civil-society",
          "network",
          "international",
          "donor",
          "academic",
          "media",
          "other"
        ]
      },
      {
        "name": "parent",
        "kind": "ref",
        "required": false,
        "refTypes": [
          "organisation"
        ]
      },
      {
        "name": "member_of",
        "kind": "list",
        "required": false,
        "item": {
          "name": "member_of",
          "kind": "ref",
          "required": true,
          "refTypes": [
            "organisation"
          ]
        }
      },
      {
        "name": "country",
        "kind": "text",
        "required": false
      },
      {
        "name": "city",
        "kind": "text",
        "required": false
      },
      {
        "name": "website",
        "kind": "url",
        "required": false
      },
      {
        "name": "email",
        "kind": "email",
        "required": false
      },
      {
        "name": "founded",
        "kind": "date",
        "required": false
      },
      {
        "name": "status",
        "kind": "enum",
        "required": false,
        "values": [
          "active",
          "inactive",
          "dissolved"
        ]
      },
      {
        "name": "tags",
        "kind": "list",
        "required": false,
        "item": {
          "name": "tags",
          "kind": "text",
          "required": true
        }
      },
      {
        "name": "sources",
        "kind": "list",
        "required": false,
        "item": {
          "name": "sources",
          "kind": "text",
          "required": true
        }
      },
      {
        "name": "visibility",
        "kind": "enum",
        "required": false,
        "values": [
          "public",
          "private"
        ]
      }
    ],
    "person": [
      {
        "name": "id",
        "kind": "text",
        "required": false
      },
      {
        "name": "type",
        "kind": "text",
        "required": false
      },
      {
        "name": "name",
        "kind": "text",
        "required": true
      },
      {
        "name": "organisation",
        "kind": "ref",
        "required": false,
        "refTypes": [
          "organisation"
        ]
      },
      {
        "name": "role",
        "kind": "text",
        "required": false
      },
      {
        "name": "email",
        "kind": "email",
        "required": false
      },
      {
        "name": "phone",
        "kind": "text",
        "required": false
      },
      {
        "name": "tags",
        "kind": "list",
        "required": false,
        "item": {
          "name": "tags",
          "kind": "text",
          "required": true
        }
      },
      {
        "name": "sources",
        "kind": "list",
        "required": false,
        "item": {
          "name": "sources",
          "kind": "text",
          "required": true
        }
      },
      {
        "name": "visibility",
        "kind": "enum",
        "required": false,
        "values": [
          "public",
          "private"
        ]
      }
    ],
    "meeting": [
      {
        "name": "id",
        "kind": "text",
        "required": false
      },
      {
        "name": "type",
        "kind": "text",
        "required": false
      },
      {
        "name": "title",
        "kind": "text",
        "required": true
      },
      {
        "name": "date",
        "kind": "date",
        "required": true
      },
      {
        "name": "end_date",
        "kind": "date",
        "required": false
      },
      {
        "name": "status",
        "kind": "enum",
        "required": false,
        "values": [
          "planned",
          "held",
          "cancelled"
        ]
      },
      {
        "name": "host",
        "kind": "ref",
        "required": false,
        "refTypes": [
          "organisation"
        ]
      },
      {
        "name": "location",
        "kind": "text",
        "required": false
      },
      {
        "name": "format",
        "kind": "enum",
        "required": false,
        "values": [
          "in-person",
          "online",
          "hybrid"
        ]
      },
      {
        "name": "participants",
        "kind": "list",
        "required": false,
        "item": {
          "name": "participants",
          "kind": "ref",
          "required": true,
          "refTypes": [
            "organisation"
          ]
        }
      },
      {
        "name": "participant_count",
        "kind": "integer",
        "required": false
      },
      {
        "name": "attendees",
        "kind": "list",
        "required": false,
        "item": {
          "name": "attendees",
          "kind": "ref",
          "required": true,
          "refTypes": [
            "person"
          ]
        }
      },
      {
        "name": "agenda",
        "kind": "list",
        "required": false,
        "item": {
          "name": "agenda",
          "kind": "text",
          "required": true
        }
      },
      {
        "name": "outcomes",
        "kind": "list",
        "required": false,
        "item": {
          "name": "outcomes",
          "kind": "text",
          "required": true
        }
      },
      {
        "name": "actions",
        "kind": "object-list",
        "required": false,
        "item": {
          "name": "actions",
          "kind": "other",
          "required": true
        },
        "fields": [
          {
            "name": "task",
            "kind": "text",
            "required": true
          },
          {
            "name": "owner",
            "kind": "ref",
            "required": true,
            "refTypes": [
              "organisation",
              "person"
            ]
          },
          {
            "name": "due",
            "kind": "date",
            "required": false
          },
          {
            "name": "status",
            "kind": "enum",
            "required": false,
            "values": [
              "open",
              "done",
              "dropped"
            ]
          }
        ]
      },
      {
        "name": "proposals",
        "kind": "list",
        "required": false,
        "item": {
          "name": "proposals",
          "kind": "ref",
          "required": true,
          "refTypes": [
            "proposal"
          ]
        }
      },
      {
        "name": "agreements",
        "kind": "list",
        "required": false,
        "item": {
          "name": "agreements",
          "kind": "ref",
          "required": true,
          "refTypes": [
            "agreement"
          ]
        }
      },
      {
        "name": "tags",
        "kind": "list",
        "required": false,
        "item": {
          "name": "tags",
          "kind": "text",
          "required": true
        }
      },
      {
        "name": "sources",
        "kind": "list",
        "required": false,
        "item": {
          "name": "sources",
          "kind": "text",
          "required": true
        }
      },
      {
        "name": "visibility",
        "kind": "enum",
        "required": false,
        "values": [
          "public",
          "private"
        ]
      }
    ],
    "proposal": [
      {
        "name": "id",
        "kind": "text",
        "required": false
      },
      {
        "name": "type",
        "kind": "text",
        "required": false
      },
      {
        "name": "title",
        "kind": "text",
        "required": true
      },
      {
        "name": "status",
        "kind": "enum",
        "required": true,
        "values": [
          "draft",
          "submitted",
          "under-review",
          "adopted",
          "partially-adopted",
          "rejected",
          "withdrawn"
        ]
      },
      {
        "name": "submitted_by",
        "kind": "list",
        "required": true,
        "item": {
          "name": "submitted_by",
          "kind": "ref",
          "required": true,
          "refTypes": [
            "organisation"
          ]
        }
      },
      {
        "name": "submitted_to",
        "kind": "list",
        "required": false,
        "item": {
          "name": "submitted_to",
          "kind": "ref",
          "required": true,
          "refTypes": [
            "organisation"
          ]
        }
      },
      {
        "name": "submitted_on",
        "kind": "date",
        "required": false
      },
      {
        "name": "decided_on",
        "kind": "date",
        "required": false
      },
      {
        "name": "language",
        "kind": "list",
        "required": false,
        "item": {
          "name": "language",
          "kind": "text",
          "required": true
        }
      },
      {
        "name": "documents",
        "kind": "object-list",
        "required": false,
        "item": {
          "name": "documents",
          "kind": "other",
          "required": true
        },
        "fields": [
          {
            "name": "url",
            "kind": "url",
            "required": true
          },
          {
            "name": "title",
            "kind": "text",
            "required": false
          },
          {
            "name": "lang",
            "kind": "text",
            "required": false
          }
        ]
      },
      {
        "name": "topics",
        "kind": "list",
        "required": false,
        "item": {
          "name": "topics",
          "kind": "text",
          "required": true
        }
      },
      {
        "name": "meetings",
        "kind": "list",
        "required": false,
        "item": {
          "name": "meetings",
          "kind": "ref",
          "required": true,
          "refTypes": [
            "meeting"
          ]
        }
      },
      {
        "name": "tags",
        "kind": "list",
        "required": false,
        "item": {
          "name": "tags",
          "kind": "text",
          "required": true
        }
      },
      {
        "name": "sources",
        "kind": "list",
        "required": false,
        "item": {
          "name": "sources",
          "kind": "text",
          "required": true
        }
      },
      {
        "name": "visibility",
        "kind": "enum",
        "required": false,
        "values": [
          "public",
          "private"
        ]
      }
    ],
    "agreement": [
      {
        "name": "id",
        "kind": "text",
        "required": false
      },
      {
        "name": "type",
        "kind": "text",
        "required": false
      },
      {
        "name": "title",
        "kind": "text",
        "required": true
      },
      {
        "name": "kind",
        "kind": "enum",
        "required": true,
        "values": [
          "memorandum-of-understanding",
          "cooperation-agreement",
          "grant",
          "contract",
          "other"
        ]
      },
      {
        "name": "signed_on",
        "kind": "date",
        "required": true
      },
      {
        "name": "parties",
        "kind": "list",
        "required": true,
        "item": {
          "name": "parties",
          "kind": "ref",
          "required": true,
          "refTypes": [
            "organisation"
          ]
        }
      },
      {
        "name": "declared_parties",
        "kind": "integer",
        "required": false
      },
      {
        "name": "valid_until",
        "kind": "date",
        "required": false
      },
      {
        "name": "documents",
        "kind": "object-list",
        "required": false,
        "item": {
          "name": "documents",
          "kind": "other",
          "required": true
        },
        "fields": [
          {
            "name": "url",
            "kind": "url",
            "required": true
          },
          {
            "name": "title",
            "kind": "text",
            "required": false
          },
          {
            "name": "lang",
            "kind": "text",
            "required": false
          }
        ]
      },
      {
        "name": "tags",
        "kind": "list",
        "required": false,
        "item": {
          "name": "tags",
          "kind": "text",
          "required": true
        }
      },
      {
        "name": "sources",
        "kind": "list",
        "required": false,
        "item": {
          "name": "sources",
          "kind": "text",
          "required": true
        }
      },
      {
        "name": "visibility",
        "kind": "enum",
        "required": false,
        "values": [
          "public",
          "private"
        ]
      }
    ]
  },
  "refs": {
    "organisation": [
      {
        "path": [
          "parent"
        ],
        "types": [
          "organisation"
        ]
      },
      {
        "path": [
          "member_of",
          "*"
        ],
        "types": [
          "organisation"
        ]
      }
    ],
    "person": [
      {
        "path": [
          "organisation"
        ],
        "types": [
          "organisation"
        ]
      }
    ],
    "meeting": [
      {
        "path": [
          "host"
        ],
        "types": [
          "organisation"
        ]
      },
      {
        "path": [
          "participants",
          "*"
        ],
        "types": [
          "organisation"
        ]
      },
      {
        "path": [
          "attendees",
          "*"
        ],
        "types": [
          "person"
        ]
      },
      {
        "path": [
          "actions",
          "*",
          "owner"
        ],
        "types": [
          "organisation",
          "person"
        ]
      },
      {
        "path": [
          "proposals",
          "*"
        ],
        "types": [
          "proposal"
        ]
      },
      {
        "path": [
          "agreements",
          "*"
        ],
        "types": [
          "agreement"
        ]
      }
    ],
    "proposal": [
      {
        "path": [
          "submitted_by",
          "*"
        ],
        "types": [
          "organisation"
        ]
      },
      {
        "path": [
          "submitted_to",
          "*"
        ],
        "types": [
          "organisation"
        ]
      },
      {
        "path": [
          "meetings",
          "*"
        ],
        "types": [
          "meeting"
        ]
      }
    ],
    "agreement": [
      {
        "path": [
          "parties",
          "*"
        ],
        "types": [
          "organisation"
        ]
      }
    ]
  },
  "privateFields": {
    "organisation": [],
    "person": [
      "email",
      "phone"
    ],
    "meeting": [],
    "proposal": [],
    "agreement": []
  }
};
