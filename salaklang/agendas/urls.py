app_name = "agendas"
urlpatterns: list = []
