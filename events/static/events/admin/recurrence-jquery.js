// django-recurrence's widget calls jQuery as `django.jQuery` (Django admin's copy); Wagtail's
// admin has already loaded jQuery on every screen: hand it over under that name.
window.django = window.django || {};
window.django.jQuery = window.django.jQuery || window.jQuery;
