"""Files attached to records. The bytes are stored once per content hash under the data folder."""

from sqlalchemy import BigInteger
from sqlmodel import Field

from dnqp_desktop.core.models.base import ID_LENGTH, Record


class Attachment(Record, table=True):
    __tablename__ = "attachment"

    #: The kind of record it belongs to ("agreement", "person", …) and that record's id.
    owner_kind: str = Field(max_length=40, index=True)
    owner_id: str = Field(max_length=ID_LENGTH, index=True)
    filename: str = Field(max_length=255)
    media_type: str = Field(default="application/octet-stream", max_length=100)
    sha256: str = Field(max_length=64, index=True)
    size: int = Field(sa_type=BigInteger)
    caption: str = Field(default="", max_length=500)
