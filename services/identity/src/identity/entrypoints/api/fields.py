"""Input fields the administration routes share: names, e-mail addresses, languages."""

from typing import Annotated, Literal

from pydantic import EmailStr, Field

NO_CONTROL = r"^[^\x00-\x1f\x7f]*$"
Name = Annotated[str, Field(min_length=1, max_length=100, pattern=NO_CONTROL)]
Email = Annotated[EmailStr, Field(max_length=320)]
Language = Literal["sv", "da", "en"]
