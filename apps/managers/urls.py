app_name = "managers"
urlpatterns = []
